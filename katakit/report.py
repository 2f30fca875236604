"""Render a grading Report for people (rich, plain when not a terminal).

Machine formats (JSON, JUnit, Gradescope) live in :mod:`katakit.formats`.

All terminal output of ``check`` is produced here.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from katakit.results import Report, Status, Verdict

STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.ERROR: "bold red",
         Status.TIMEOUT: "bold red", Status.TODO: "yellow", Status.SKIP: "dim"}
VERDICT_TEXT = {
    Verdict.PASS: ("PASS", "bold green", "every check passed."),
    Verdict.FAIL: ("FAIL", "bold red", "fix the first failure above and grade again."),
    Verdict.TODO: ("NOT DONE", "bold yellow", "nothing is wrong so far; finish the parts "
                                              "marked todo."),
}


def render(report: Report, console: Console, reproduce: str = "", compact=False) -> None:
    """One line per check grouped by category, failures with their message, then the verdict.

    ``compact`` (mock interviews) leaves out the passing checks."""
    console.print(Text.assemble((report.kata, "bold"), f"  {report.target}  ",
                                (f"seed {report.seed}", "dim")))
    width = max((len(c.id) for c in report.checks), default=0)
    load = next((c for c in report.checks if c.id == "load"), None)
    if load is not None and load.status is not Status.PASS:
        _line(console, load, width)
        console.print(Text(f"  {len(report.checks) - 1} other checks were not run: your file "
                           "must load first.", style="dim"))
    else:
        for category, checks in groupby(report.checks, key=lambda c: c.category):
            shown = [c for c in checks if not (compact and c.status is Status.PASS)]
            if shown:
                console.print(Text(category.value, style="bold cyan"))
            todos = [c for c in shown if c.status is Status.TODO]
            if len(todos) >= 3:  # many unfinished parts: one line, not a wall of repeats
                shown = [c for c in shown if c.status is not Status.TODO]
            for check in shown:
                _line(console, check, width)
            if len(todos) >= 3:
                _todo_summary(console, todos)
    _verdict(console, report, reproduce)


def _line(console: Console, check, width: int) -> None:
    line = Text.assemble(("  " + f"{check.status.value:<7}", STYLE[check.status]),
                         f" {check.id:<{width}}")
    if check.title:
        line.append(f"  {check.title}", style="dim")
    console.print(line, overflow="ellipsis", no_wrap=True)
    if check.status is not Status.PASS and check.message:
        console.print(Padding(Text(check.message), (0, 0, 0, 10)))


def _todo_summary(console: Console, todos) -> None:
    console.print(Text.assemble(("  " + f"{Status.TODO.value:<7}", STYLE[Status.TODO]),
                                f" {len(todos)} not attempted yet: "
                                f"{', '.join(c.id for c in todos)}"))
    console.print(Padding(Text(todos[0].message), (0, 0, 0, 10)))


def _verdict(console: Console, report: Report, reproduce: str) -> None:
    counts = {s: sum(1 for c in report.checks if c.status is s) for s in Status}
    label, style, advice = VERDICT_TEXT[report.verdict]
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    console.print()
    console.print(Text.assemble(("Verdict: ", "bold"), (label, style),
                                f"  ({summary}; {report.duration_s:.1f} s) — {advice}"))
    if report.verdict is not Verdict.PASS and reproduce:
        console.print(f"Same data again: [bold]{escape(reproduce)}[/bold]", soft_wrap=True)
