"""The ``skbass`` command: transcribe recordings, run the demo, train the shipped model,
render data sets. One thin module per subcommand: parse, call the library, print."""

import argparse
import sys

from . import data, demo, experiment, train, transcribe

_SUBCOMMANDS = (transcribe, demo, train, data, experiment)


def build_parser():
    """The argument parser of the ``skbass`` command.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(prog="skbass", description=__doc__.split("\n")[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in _SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv=None):
    """Entry point of the ``skbass`` command.

    Parameters
    ----------
    argv : list of str or None
        Arguments; default ``sys.argv[1:]``.

    Returns
    -------
    status : int
    """
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
