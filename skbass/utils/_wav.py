"""A look at a WAV file's header: does the file hold all the audio the header promises?"""

import os
import struct


def wav_shortfall(path):
    """Bytes of audio a WAV file's header promises, and bytes the file holds after it.

    Decoders read a truncated WAV file without complaint, returning only what is there;
    this tells a truncated file from a short recording.

    Parameters
    ----------
    path : str or os.PathLike
        Any file.

    Returns
    -------
    shortfall : tuple of int or None
        ``(promised, held)`` when the file is a RIFF/WAVE file whose data chunk is longer
        than the bytes that follow its header; None otherwise (also for other formats).
    """
    size = os.path.getsize(path)
    with open(path, "rb") as file:
        head = file.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        while True:
            chunk = file.read(8)
            if len(chunk) < 8:
                return None
            name, length = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"data":
                held = size - file.tell()
                # 0 and 0xFFFFFFFF mean "unknown" (streamed WAV, RF64)
                if length not in (0, 0xFFFFFFFF) and length > held:
                    return length, held
                return None
            file.seek(length + (length & 1), os.SEEK_CUR)
