"""Transcribing audio files to CSV, MIDI and PNG files."""

import os

from ._bassline import transcribe


def transcribe_to_files(
    path,
    model,
    stem,
    *,
    midi=False,
    beats=False,
    png=False,
    notes=False,
    onset_model=None,
    voicing_model=None,
):
    """Transcribe one audio file and write ``<stem>.csv`` (and ``.notes.csv``, ``.mid``, ``.png``).

    Parameters
    ----------
    path : str or os.PathLike
        Audio file.
    model : sklearn.pipeline.Pipeline or BassRuntime
        Fitted bass pipeline (:func:`~skbass.load_model`), or its NumPy runtime
        (:func:`~skbass.transcription._runtime.read_runtime`, what the command uses).
    stem : str
        Output path without extension.
    midi : bool, default=False
        Also write ``<stem>.mid`` with the decoded notes (:meth:`BassLine.notes`).
    beats : bool, default=False
        Write ``<stem>.mid`` with one note per beat instead.
    png : bool, default=False
        Also write ``<stem>.png``: the CQT, the salience and the line.
    notes : bool, default=False
        Also write ``<stem>.notes.csv`` (``onset,offset,midi,salience``, one row per note of
        :meth:`BassLine.notes`, the notes ``<stem>.mid`` holds).
    onset_model : sklearn.pipeline.Pipeline, BassRuntime or None, default=None
        Onset model whose peaks start the notes (see :func:`transcribe`).
    voicing_model : sklearn.pipeline.Pipeline, BassRuntime or None, default=None
        Voicing model deciding the voicing with ``model`` (see :func:`transcribe`).

    Returns
    -------
    written : list of str
        The files written.

    Raises
    ------
    OSError
        If an output file cannot be written; the message names it.
    """
    line = transcribe(path, model, onset_model=onset_model, voicing_model=voicing_model)
    writers = [(".csv", line.to_csv)]
    if notes:
        writers.append((".notes.csv", line.to_notes_csv))
    if midi or beats:
        writers.append((".mid", lambda out: line.to_midi(out, beats=beats)))
    if png:
        writers.append(
            (".png", lambda out: line.plot(out, title=os.path.basename(os.fspath(path))))
        )
    written = []
    for extension, write in writers:
        out = stem + extension
        try:
            write(out)
        except OSError as exc:
            raise OSError(f"cannot write {out}: {exc.strerror or exc}") from exc
        written.append(out)
    return written
