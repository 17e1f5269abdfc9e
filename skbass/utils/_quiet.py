"""Keep TensorFlow's native start-up lines off the user's terminal.

TensorFlow's C++ side logs through absl before ``TF_CPP_MIN_LOG_LEVEL`` is read (the
"All log messages before absl::InitializeLog()" notice, oneDNN, CPU-feature and CUDA
driver lines, "failed call to cuInit" on machines without a GPU). They are written
straight to file descriptor 2, so Python's ``warnings`` and ``logging`` cannot filter
them. :func:`quiet_native_stderr` sends descriptor 2 to a temporary file while a block
runs and writes back every line that is not such a notice, so real errors still show.
"""

import os
import re
import sys
import tempfile
from contextlib import contextmanager

#: Lines of TensorFlow's start-up chatter (informational, CPU-only notices).
_CHATTER = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|[IW]\d{4} \d\d:\d\d:\d\d"
    r"|E\d{4} \d\d:\d\d:\d\d.*(cuInit|cuda|CUDA)"
    r"|To enable the following instructions:)"
)


@contextmanager
def quiet_native_stderr():
    """Filter TensorFlow's native start-up lines out of standard error during a block.

    Yields
    ------
    None
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # no real descriptor (e.g. captured)
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    with tempfile.TemporaryFile(mode="w+b") as capture:
        os.dup2(capture.fileno(), fd)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, fd)
            os.close(saved)
            capture.seek(0)
            kept = [
                line
                for line in capture.read().decode("utf-8", "replace").splitlines(keepends=True)
                if not _CHATTER.match(line)
            ]
            if kept:
                sys.stderr.write("".join(kept))
                sys.stderr.flush()
