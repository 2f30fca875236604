"""What the commands share (they never import each other): exit codes, the usage error,
consoles, short dates and tables, the target of a grading run and how it is recorded, and how a
quiz question is shown."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table

from katakit import catalog, paths
from katakit.catalog import quiz as answer_key
from katakit.learner.history import HistoryError, open_history
from katakit.text import source_text

EXIT_OK, EXIT_NOT_PASSED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
KATA_HELP = "kata name, e.g. linear_regression (see `python grader.py list`)"
DAY_S = 86_400


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def console(stderr: bool = False) -> Console:
    """Colour on a terminal, plain text when piped or when NO_COLOR is set."""
    return Console(stderr=stderr, highlight=False, no_color="NO_COLOR" in os.environ)


def plain_output() -> bool:
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ


def day(timestamp: float | None, now: float) -> str:
    """A past moment in a few characters: today, yesterday, Nov 29 (2025-11-29 in another
    year)."""
    if timestamp is None:
        return "-"
    then, today = dt.date.fromtimestamp(timestamp), dt.date.fromtimestamp(now)
    if then == today:
        return "today"
    if then == today - dt.timedelta(days=1):
        return "yesterday"
    return then.strftime("%b %d" if then.year == today.year else "%Y-%m-%d")


def due_in(timestamp: float | None, now: float) -> str:
    """When something is due, in a few characters: now, in 5 h, in 3 d, or Dec 15."""
    if timestamp is None:
        return "-"
    left = timestamp - now
    if left <= 0:
        return "now"
    if round(left / 3600) < 24:
        return f"in {max(round(left / 3600), 1)} h"
    if left < 13.5 * DAY_S:
        return f"in {round(left / DAY_S)} d"
    return day(timestamp, now)


def duration(seconds: float | None) -> str:
    """45s, 3m05s, 1h02m; - when unknown."""
    if seconds is None:
        return "-"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def fitted_table(out: Console, columns, rows, **options) -> tuple[Table, list[str]]:
    """A compact table that reads in full on ``out``: short headers, no frame.

    ``columns`` are (header, justify, drop) tuples. While the table is wider than the console,
    the column with the lowest non-zero ``drop`` goes (0: never dropped); cells of what is
    left wrap rather than being cut. Returns the table and the headers kept."""
    keep = list(range(len(columns)))
    optional = sorted((i for i, c in enumerate(columns) if c[2]), key=lambda i: columns[i][2])
    wide = out.options.update_width(10_000)
    while True:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                      padding=(0, 1, 0, 0), title_justify="left", caption_justify="left",
                      **options)
        for i in keep:
            table.add_column(columns[i][0], justify=columns[i][1], overflow="fold")
        for row in rows:
            table.add_row(*(row[i] for i in keep))
        if not optional or Measurement.get(out, wide, table).maximum <= out.width:
            return table, [columns[i][0] for i in keep]
        keep.remove(optional.pop(0))


# grading ------------------------------------------------------------------------------------

def seed_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, not {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("seed must be between 0 and 2**63 - 1")
    return value


def resolve_target(kata: catalog.Kata, file: Path | None, reference: bool) -> tuple[Path, str]:
    """The file to grade and how to name it in the report."""
    if reference:
        return kata.solution_path, "reference"
    path = file
    if path is None:
        path = paths.workspace_file(kata.slug)
        if not path.exists():
            raise UsageError(f"no workspace file {path} yet: run `python grader.py start "
                             f"{kata.slug}` to create it, or pass --file PATH")
    if not path.exists():
        raise UsageError(f"file not found: {path}")
    if not path.is_file():
        raise UsageError(f"not a file: {path}")
    try:
        path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return path, str(file or path)


def grade_and_record(kata, path: Path, label: str, seed=None, origin="check",
                     record=True):
    """Grade, then keep the result and a snapshot of the file in the history."""
    from katakit.examiner import grading  # pytest is imported only when grading
    result = grading.grade(kata, path, seed=seed, label=label)
    if record:
        try:
            with open_history() as history:
                history.record_check(result, origin, source_text(path))
        except HistoryError as error:
            print(f"warning: not recorded in the history: {error}", file=sys.stderr)
    return result


# quiz questions -----------------------------------------------------------------------------

def show_question(out, question, number: int, total: int) -> None:
    out.print(f"\n[bold]Question {number} of {total}[/bold] [dim]({question.id})[/dim]")
    out.print(escape(question.question))
    for letter, choice in zip(answer_key.letters(question), question.choices):
        out.print(f"  {letter}) {escape(choice)}")


def answer_and_explanation(question) -> str:
    """The right answer and why, as console markup (manifest text may hold [brackets])."""
    right = f"{question.answer_value:g}" if question.is_numeric else f"{question.answer})"
    return escape(f"the answer is {right}. {question.explanation}")
