"""Render a grading Report for people (rich, plain when not a terminal).

Machine formats (JSON, JUnit, Gradescope) live in :mod:`katakit.output.formats`.

All terminal output of ``check`` is produced here.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from katakit.results import Report, Status, Verdict

STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.ERROR: "bold red",
         Status.TIMEOUT: "bold red", Status.TODO: "yellow", Status.SKIP: "dim"}
NOT_RUN = "not run: "  # how a check that never reached the learner's code says so
MESSAGE_INDENT = 10  # "  status  " before every message line
VERDICT_TEXT = {
    Verdict.PASS: ("PASS", "bold green", "every check passed."),
    Verdict.FAIL: ("FAIL", "bold red", "fix the first failure above and grade again."),
    Verdict.TODO: ("NOT DONE", "bold yellow", "nothing is wrong so far; finish the parts "
                                              "marked todo."),
}


def render(report: Report, console: Console, reproduce: str = "", compact=False) -> None:
    """One line per check grouped by category, failures with their message, then the verdict.

    ``compact`` (mock interviews) leaves out the passing checks."""
    _hanging(console, Text(""), Text.assemble((report.kata, "bold"), f"  {report.target}  ",
                                              (f"seed {report.seed}", "dim")))
    width = max((len(c.id) for c in report.checks), default=0)
    unrun = _not_run(report.checks)
    for category, checks in groupby(report.checks, key=lambda c: c.category):
        shown = [c for c in checks if c not in unrun
                 and not (compact and c.status is Status.PASS)]
        if shown:
            console.print(Text(category.value, style="bold cyan"))
        todos = [c for c in shown if c.status is Status.TODO]
        if len(todos) >= 3:  # many unfinished parts: one line, not a wall of repeats
            shown = [c for c in shown if c.status is not Status.TODO]
        for check in shown:
            _line(console, check, width)
        if len(todos) >= 3:
            _summary(console, Status.TODO, f"{len(todos)} not attempted yet: "
                     f"{', '.join(c.id for c in todos)}", todos[0].message)
    if unrun:
        _summary(console, unrun[0].status, f"{len(unrun)} other checks were not run",
                 unrun[0].message.removeprefix(NOT_RUN))
    _verdict(console, report, reproduce)


def _not_run(checks) -> list:
    """Checks that did not run for one shared reason (the file did not load, a class is
    missing, earlier timeouts spent the time budget), when there are enough of them to be
    said once instead of line by line."""
    unrun = [c for c in checks if c.status is Status.SKIP or c.message.startswith(NOT_RUN)]
    reasons = {(c.status, c.message) for c in unrun}
    return unrun if len(unrun) >= 3 and len(reasons) == 1 else []


def _line(console: Console, check, width: int) -> None:
    line = Text.assemble(("  " + f"{check.status.value:<7}", STYLE[check.status]),
                         f" {check.id:<{width}}")
    if check.title:
        line.append(f"  {check.title}", style="dim")
    console.print(line, overflow="ellipsis", no_wrap=True)
    if check.status is not Status.PASS and check.message:
        _hanging(console, Text(" " * MESSAGE_INDENT), Text(check.message))


def _summary(console: Console, status: Status, headline: str, message: str) -> None:
    """One line standing for several checks."""
    _hanging(console, Text(f"  {status.value:<7} ", STYLE[status]), Text(headline))
    _hanging(console, Text(" " * MESSAGE_INDENT), Text(message))


def _hanging(console: Console, prefix: Text, body: Text) -> None:
    """``prefix`` then ``body`` wrapped under itself, with no trailing blanks (piped output
    stays clean to diff and grep)."""
    width = max(console.width - len(prefix), 20)
    for number, line in enumerate(body.wrap(console, width)):
        line.rstrip()
        start = prefix if number == 0 else Text(" " * len(prefix))
        console.print(Text.assemble(start, line), no_wrap=True, overflow="ignore")


def _verdict(console: Console, report: Report, reproduce: str) -> None:
    counts = {s: sum(1 for c in report.checks if c.status is s) for s in Status}
    label, style, advice = VERDICT_TEXT[report.verdict]
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    console.print()
    _hanging(console, Text("Verdict: ", "bold"),
             Text.assemble((label, style), f"  ({summary}; {report.duration_s:.1f} s) — {advice}"))
    if report.verdict is not Verdict.PASS and reproduce:
        console.print(f"Same data again: [bold]{escape(reproduce)}[/bold]", soft_wrap=True)
