"""Checks that an output location can be written, made before any long work.

They create nothing: a failed command leaves no folder or file behind.
"""

import os
import tempfile


def check_output_folder(path, *, what="output folder"):
    """Check that ``path`` is, or can be created as, a folder that files can be written into.

    The nearest existing folder on the way is probed with an unnamed temporary file,
    which leaves nothing behind.

    Parameters
    ----------
    path : str or os.PathLike
        Folder.
    what : str
        How error messages call the folder.

    Returns
    -------
    path : str

    Raises
    ------
    NotADirectoryError
        If ``path``, or a folder on the way to it, is an existing file.
    PermissionError
        If the folder cannot be created or written.

    Examples
    --------
    >>> import tempfile
    >>> check_output_folder(tempfile.gettempdir()) == tempfile.gettempdir()
    True
    """
    path = os.fspath(path)
    existing = os.path.abspath(path)
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        on_the_way = "" if existing == os.path.abspath(path) else f" ({existing!r} on the way)"
        raise NotADirectoryError(f"{what} {path!r} is an existing file{on_the_way}, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise PermissionError(f"cannot write into {what} {path!r}: {exc.strerror or exc}") from exc
    return path


def check_output_file(path, *, what="output file"):
    """Check that ``path`` can be written: not a folder, in a folder that can be written.

    Parameters
    ----------
    path : str or os.PathLike
        File to be written later.
    what : str
        How error messages call the file.

    Returns
    -------
    path : str

    Raises
    ------
    IsADirectoryError
        If ``path`` is an existing folder.
    NotADirectoryError, PermissionError
        If its folder cannot be created or written.
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        raise IsADirectoryError(f"{what} {path!r} is a folder; give a file name")
    check_output_folder(os.path.dirname(os.path.abspath(path)), what=f"the folder of {what}")
    return path
