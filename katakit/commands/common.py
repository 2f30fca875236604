"""What every command shares: exit codes, the usage error, consoles, the kata argument."""

from __future__ import annotations

import os
import sys

from rich.console import Console

EXIT_OK, EXIT_NOT_PASSED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
KATA_HELP = "kata name, e.g. linear_regression (see `python grader.py list`)"


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def console(stderr: bool = False) -> Console:
    """Colour on a terminal, plain text when piped or when NO_COLOR is set."""
    return Console(stderr=stderr, highlight=False, no_color="NO_COLOR" in os.environ)


def plain_output() -> bool:
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ


def when(timestamp: float | None) -> str:
    import datetime as dt
    if timestamp is None:
        return "-"
    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
