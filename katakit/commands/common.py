"""What the commands share (they never import each other): exit codes, the usage error,
how to write the next command the user should type, consoles, short dates and tables, tracks
and difficulties, the target of a grading run and how it is recorded, and how a quiz question
is shown and answered."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from katakit import catalog, paths
from katakit.catalog import quiz as answer_key
from katakit.learner.history import HistoryError, open_history
from katakit.output.report import hanging
from katakit.text import source_text

EXIT_OK, EXIT_NOT_PASSED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
KATA_HELP = "kata name, e.g. linear_regression (see the list command)"
DAY_S = 86_400


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


# the next command to type ------------------------------------------------------------------

def command_line(*args) -> str:
    """The command line that runs the kit with ``args`` from the current folder, the way the
    user started it: ``python grader.py check KATA`` in the kit's folder, ``python
    ../grader.py ...`` one folder below, ``kata ...`` for the installed script, ``python -m
    katakit ...`` for the module. Every "next command" the kit prints goes through here."""
    return shlex.join([*_launcher(), *map(str, args)])


def _launcher() -> list[str]:
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    if started.name == "grader.py":
        return [_python(), _from_here(started)]
    if started.name == "__main__.py" and started.parent.name == "katakit":
        return [_python(), "-m", "katakit"]
    if started.name == "kata":
        found = shutil.which("kata")
        same = found is not None and _same_file(found, started)
        return ["kata" if same else _from_here(started)]
    grader = paths.kit_root() / "grader.py"  # called from Python (a notebook, the tests)
    if grader.is_file():
        return [_python(), _from_here(grader)]
    return ["kata"]


def _python() -> str:
    """``python`` (or ``python3``) when that is this interpreter on PATH, else its path: an
    inactive virtual environment is named so that the command still finds the kit."""
    for name in ("python", "python3"):
        found = shutil.which(name)
        if found and _same_file(found, sys.executable):
            return name
    return _from_here(Path(sys.executable))


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _from_here(path: Path) -> str:
    """``path`` as typed from the current folder: relative when it is below it, or when both
    are in the kit's folder and it is near (``../grader.py``); absolute otherwise."""
    path, here = Path(os.path.abspath(path)), Path.cwd()
    try:
        relative = os.path.relpath(path, here)
    except ValueError:  # another drive (Windows)
        return str(path)
    if not relative.startswith(".."):
        return relative
    root = paths.kit_root()
    near = relative.count("..") <= 2 and path.is_relative_to(root) and here.is_relative_to(root)
    return relative if near else str(path)


def in_workspace(name: str) -> str:
    """``name`` in the learner's workspace as typed from here, for help texts
    (``workspace/KATA.py`` in a checkout, ``~/katakit/workspace/...`` installed, or wherever
    ``KATAKIT_WORKSPACE`` points)."""
    return str(Path(shown_path(paths.workspace_dir())) / name)


def statement_text(kata, attempt=None) -> str:
    """The kata's statement as this learner should read it: its commands start the way the
    kit was started here (``python grader.py``, ``kata``, ...) and ``workspace/<slug>.py``
    names the learner's real file (``attempt``, by default the workspace file, which
    ``KATAKIT_WORKSPACE`` or an installed kit moves)."""
    text = kata.statement_path.read_text(encoding="utf-8")
    attempt = paths.workspace_file(kata.slug) if attempt is None else attempt
    text = re.sub(rf"(?<![\w/.-])workspace/{re.escape(kata.slug)}\.py", shown_path(attempt),
                  text)
    launcher = shlex.join(_launcher())
    return re.sub(r"(?m)^(\s*)python grader\.py(?= )", lambda m: m.group(1) + launcher, text)


def shown_path(path) -> str:
    """A file the user should open or pass, as typed from the current folder."""
    return _from_here(Path(path))


# tracks and difficulties -------------------------------------------------------------------

def track_value(text: str) -> str:
    """An argparse type: a track of the catalogue (``neural-networks``, ``Neural networks`` and
    ``neural`` all name ``neural networks``)."""
    wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    matching = ([t for t in catalog.TRACKS if t == wanted] or
                [t for t in catalog.TRACKS if t.startswith(wanted)]) if wanted else []
    if len(matching) != 1:
        raise argparse.ArgumentTypeError(
            f"no track {text!r}: the tracks are {', '.join(catalog.TRACKS)}")
    return matching[0]


def difficulty_value(text: str) -> str:
    """An argparse type: a difficulty that some kata has (so ``hard`` only once a hard kata
    exists)."""
    existing = [d for d in catalog.DIFFICULTIES if d in {k.difficulty for k in
                                                          catalog.all_katas()}]
    wanted = text.strip().lower()
    if wanted not in existing:
        raise argparse.ArgumentTypeError(f"no kata has difficulty {text!r}: choose "
                                         f"{' or '.join(existing)}")
    return wanted


def select_katas(katas, track: str | None = None, difficulty: str | None = None) -> list:
    return [k for k in katas if track in (None, k.track) and difficulty in (None, k.difficulty)]


def by_track(katas) -> list[tuple[str, list]]:
    """(track, its katas in path order) for every track that has katas, in path order."""
    return [(track, [k for k in katas if k.track == track]) for track in catalog.TRACKS
            if any(k.track == track for k in katas)]


def console(stderr: bool = False) -> Console:
    """Colour on a terminal, plain text when piped or when NO_COLOR is set. No emoji codes:
    ``:smile:`` in a message is text, and the emoji table costs a fifth of a command's start."""
    return Console(stderr=stderr, highlight=False, no_color="NO_COLOR" in os.environ,
                   emoji=False)


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


class Heading(tuple):
    """A row of :func:`fitted_table` that starts a group (a track), shown in bold."""


def fitted_table(out: Console, columns, rows, **options) -> tuple[Table, list[str]]:
    """A compact table that reads in full on ``out``: short headers, no frame.

    ``columns`` are (header, justify, drop) tuples. While the table is wider than the console,
    the column with the lowest non-zero ``drop`` goes (0: never dropped); cells of what is
    left wrap rather than being cut. A :class:`Heading` among the rows starts a group.
    Returns the table and the headers kept."""
    keep = list(range(len(columns)))
    optional = sorted((i for i, c in enumerate(columns) if c[2]), key=lambda i: columns[i][2])
    wide = out.options.update_width(10_000)
    while True:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                      padding=(0, 1, 0, 0), title_justify="left", caption_justify="left",
                      **options)
        for i in keep:
            table.add_column(columns[i][0], justify=columns[i][1], overflow="fold")
        for number, row in enumerate(rows):
            if isinstance(row, Heading):
                if number:
                    table.add_row()
                table.add_row(*(Text(row[i], style="bold cyan") for i in keep))
                continue
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
            raise UsageError(f"no workspace file {shown_path(path)} yet: run "
                             f"`{command_line('start', kata.slug)}` to create it, or pass "
                             "--file PATH")
    if not path.exists():
        raise UsageError(f"file not found: {path}")
    if not path.is_file():
        raise UsageError(f"not a file: {path}")
    try:
        path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return path, str(file) if file is not None else shown_path(path)


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

STOP = "q"


def show_question(out, question, number: int, total: int) -> None:
    """The question in full, each choice wrapped under itself."""
    out.print(f"\n[bold]Question {number} of {total}[/bold] [dim]({question.id})[/dim]")
    out.print(escape(question.question))
    for letter, choice in zip(answer_key.letters(question), question.choices):
        hanging(out, Text(f"  {letter}) "), Text(choice))


def answer_prompt(question) -> str:
    """What the prompt asks for: a letter range, or a number."""
    if question.is_numeric:
        return f"a number, or {STOP} to stop"
    letters = answer_key.letters(question)
    return f"{letters[0]}-{letters[-1]}, or {STOP} to stop"


def retry_message(question, answer: str) -> str | None:
    """The one input rule of every prompt (quiz, mock): None when ``answer`` has the right form
    (a letter of the choices, or a number), else what to type instead; the prompt asks again.
    A wrong answer of the right form is an answer; a malformed one never is."""
    if answer_key.parse(question, answer) is not None:
        return None
    if question.is_numeric:
        wanted = f"type a number, or {STOP} to stop"
    else:
        letters = answer_key.letters(question)
        wanted = f"type a letter ({letters[0]}-{letters[-1]}), or {STOP} to stop"
    return f"{answer!r} is not an answer: {wanted}" if answer else wanted


def answer_and_explanation(question) -> str:
    """The right answer and why, as console markup (manifest text may hold [brackets])."""
    value = question.answer_value
    right = (f"{value:,.0f}" if float(value).is_integer() and abs(value) < 1e15 else
             f"{value:g}") if question.is_numeric else f"{question.answer})"
    return escape(f"the answer is {right}. {question.explanation}")
