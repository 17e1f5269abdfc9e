"""Transcribing audio files to CSV, MIDI and PNG files."""

import os

from ._bassline import transcribe


def transcribe_to_files(path, model, stem, *, midi=False, beats=False, png=False):
    """Transcribe one audio file and write ``<stem>.csv`` (and ``.mid``, ``.png``).

    Parameters
    ----------
    path : str or os.PathLike
        Audio file.
    model : sklearn.pipeline.Pipeline
        Fitted bass pipeline (:func:`~skbass.load_model`).
    stem : str
        Output path without extension.
    midi : bool, default=False
        Also write ``<stem>.mid`` with frame-run notes.
    beats : bool, default=False
        Write ``<stem>.mid`` with one note per beat instead.
    png : bool, default=False
        Also write ``<stem>.png``: the CQT, the salience and the line.

    Returns
    -------
    written : list of str
        The files written.
    """
    line = transcribe(path, model)
    written = [stem + ".csv"]
    line.to_csv(written[-1])
    if midi or beats:
        written.append(stem + ".mid")
        line.to_midi(written[-1], beats=beats)
    if png:
        written.append(stem + ".png")
        line.plot(written[-1], title=os.path.basename(os.fspath(path)))
    return written
