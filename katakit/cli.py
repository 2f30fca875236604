"""Command line: ``python grader.py <command> ...`` (also installed as ``kata``).

Each command lives in its own module under ``katakit.commands`` and registers its parser here.
Exit codes: 0 success (for ``check``: every check passed), 1 a check did not pass, 2 usage
errors (unknown kata, missing file, damaged history ...), 130 interrupted. Output cut short
by a closed pipe (``check --json | head -1``) ends quietly with 1, as the Python docs advise.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from katakit import catalog
from katakit.commands.common import (EXIT_INTERRUPTED, EXIT_NOT_PASSED, EXIT_USAGE,
                                     UsageError, command_line)
from katakit.candidate.isolation import IsolationUnavailable
from katakit.learner.history import HistoryError

COMMANDS = {  # the command a learner types -> the module under katakit.commands that runs it
    "list": "listing", "next": "nextkata", "show": "show", "start": "start", "check": "check",
    "hint": "hint", "quiz": "quiz", "compare": "compare", "progress": "progress",
    "watch": "watch", "mock": "mock", "notebook": "notebook", "batch": "batch", "dev": "dev",
}


def build_parser(argv=None) -> argparse.ArgumentParser:
    """The parser; when ``argv`` names a command, only that command's module is imported
    (commands that do not grade start as fast as Python and NumPy do)."""
    parser = argparse.ArgumentParser(
        prog=command_line(), description="ML interview kata kit: list -> show -> start -> check "
        "-> hint -> quiz -> compare -> progress")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = [a for a in (argv or [])[:1] if a in COMMANDS]
    for name in named or COMMANDS:
        importlib.import_module(f"katakit.commands.{COMMANDS[name]}").register(commands)
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
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
