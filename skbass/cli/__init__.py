"""The ``skbass`` command: transcribe bass lines, classify instruments, run the demo, train
the shipped models, render data sets, run the papers' experiments. One thin module per
subcommand: parse, call the library, print."""

import argparse
import sys

from . import classify, data, demo, experiment, train, train_instruments, transcribe
from ._run import run_command

_SUBCOMMANDS = (transcribe, classify, demo, train, train_instruments, data, experiment)


def build_parser():
    """The argument parser of the ``skbass`` command.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(prog="skbass", description=__doc__.split("\n")[0])
    _add_debug(parser, default=False)
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in _SUBCOMMANDS:
        module.add_parser(subparsers)
    for sub in subparsers.choices.values():
        _add_debug(sub, default=argparse.SUPPRESS)  # keeps ``skbass --debug CMD`` working
    return parser


def _add_debug(parser, default):
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="show the Python traceback of an error instead of a one-line message",
    )


def main(argv=None):
    """Entry point of the ``skbass`` command.

    A user error (bad argument, unreadable or unwritable file) prints one line
    ``skbass COMMAND: error: ...`` and returns 2; ``--debug`` shows the traceback
    instead. SIGINT and SIGTERM stop the command cleanly, stop its worker processes and
    return 130 or 143.

    Parameters
    ----------
    argv : list of str or None
        Arguments; default ``sys.argv[1:]``.

    Returns
    -------
    status : int
    """
    args = build_parser().parse_args(argv)
    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
