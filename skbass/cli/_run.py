"""Running a subcommand: one-line user errors, clean stops on SIGINT and SIGTERM."""

import signal
import sys
import threading

#: Exceptions that mean a user error (bad argument, unreadable or unwritable file).
USER_ERRORS = (OSError, ValueError, TypeError, RuntimeError)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


def _stop_workers():
    """Stop joblib's reusable worker processes, which would otherwise idle on."""
    from joblib.externals.loky import reusable_executor

    executor = reusable_executor._executor
    if executor is not None:
        executor.shutdown(wait=False, kill_workers=True)


def run_command(args):
    """Run ``args.func(args)`` as the ``skbass`` command does.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments with ``func``, ``command`` and ``debug``.

    Returns
    -------
    status : int
        The subcommand's status; 2 after a user error; 130 after SIGINT, 143 after SIGTERM.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread:
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return args.func(args)
    except KeyboardInterrupt as exc:
        name = "SIGTERM" if str(exc) == "SIGTERM" else "SIGINT"
        _stop_workers()
        print(f"\nskbass {args.command}: interrupted by {name}; stopped", file=sys.stderr)
        return 128 + signal.Signals[name].value
    except USER_ERRORS as exc:
        if getattr(args, "debug", False):
            raise
        print(f"skbass {args.command}: error: {exc} (--debug shows details)", file=sys.stderr)
        return 2
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
