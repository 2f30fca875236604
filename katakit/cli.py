"""Command line: ``python grader.py <command> ...`` (also installed as ``kata``).

Each command lives in its own module under ``katakit.commands`` and registers its parser here.
Exit codes: 0 success (for ``check``: every check passed), 1 a check did not pass, 2 usage
errors (unknown kata, missing file, damaged history ...), 130 interrupted. Output cut short
by a closed pipe (``check --json | head -1``) ends quietly with 1, as the Python docs advise.
"""

from __future__ import annotations

import argparse
import os
import sys

from katakit import catalog
from katakit.commands import (batch, check, compare, dev, hint, listing, mock, nextkata,
                              notebook, progress, quiz, show, start, watch)
from katakit.commands.common import (EXIT_INTERRUPTED, EXIT_NOT_PASSED, EXIT_USAGE,
                                     UsageError)
from katakit.candidate.isolation import IsolationUnavailable
from katakit.learner.history import HistoryError

COMMANDS = (listing, nextkata, show, start, check, hint, quiz, compare, progress, watch, mock,
            notebook, batch, dev)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grader.py", description="ML interview kata kit: list -> show -> start -> check "
        "-> hint -> quiz -> compare -> progress")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        return code
    except BrokenPipeError:  # `... | head`: the reader left; stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the final flush at exit cannot fail
        return EXIT_NOT_PASSED
    except (UsageError, catalog.CatalogError, HistoryError, IsolationUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)  # one line, never wrapped
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
