"""Render a grading Report for people (rich, plain when not a terminal).

Machine formats (JSON, JUnit, Gradescope) live in :mod:`katakit.output.formats`.

All terminal output of ``check`` is produced here. Nothing is ever cut: a check's title and
its message wrap under themselves at any width, on a terminal and in piped or CI output.
"""

from __future__ import annotations

import enum
import re
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from katakit.results import FAILING, Category, Report, Status, Verdict
from katakit.text import without_numbers

STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.ERROR: "bold red",
         Status.TIMEOUT: "bold red", Status.TODO: "yellow", Status.SKIP: "dim"}
NOT_RUN = "not run: "  # how a check that never reached the learner's code says so
MESSAGE_INDENT = 10  # "  status  " before every message line
ID_COLUMN = 24  # a longer id puts its title on the next line
MIN_TITLE = 30  # narrower than this, titles go on their own lines
VERDICT_TEXT = {
    Verdict.PASS: ("PASS", "bold green", "every check passed."),
    Verdict.FAIL: ("FAIL", "bold red", "fix the first failure above and grade again."),
    Verdict.TODO: ("NOT DONE", "bold yellow", "nothing is wrong so far; finish the parts "
                                              "marked todo."),
}


class Layout(enum.Enum):
    COMPACT = "compact"  # by category; passing checks named on one line, the rest in full
    FULL = "full"  # every check with its title (check --verbose)
    FAILURES_FIRST = "failures first"  # what needs work, then the passes as a count (watch)


def render(report: Report, console: Console, reproduce: str = "",
           layout: Layout = Layout.COMPACT, quiz_command: str = "") -> None:
    """The report, then the verdict. ``reproduce`` is the command that grades the same data
    again; ``quiz_command`` the one that asks the quiz (named once for the unanswered
    questions)."""
    hanging(console, Text(""), Text.assemble((report.kata, "bold"), f"  {report.target}  ",
                                             (f"seed {report.seed}", "dim")))
    if report.isolation:
        hanging(console, Text("isolation: ", "dim"), Text(report.isolation, "dim"))
    unrun = _not_run(report.checks)
    checks = [c for c in report.checks if c not in unrun]
    repeats = same_mistake(checks)
    if layout is Layout.FAILURES_FIRST:
        _failures_first(console, checks, quiz_command, repeats)
    else:
        width = min(max((len(c.id) for c in checks), default=0), ID_COLUMN)
        for category, group in groupby(checks, key=lambda c: c.category):
            _category(console, category, list(group), width, quiz_command, repeats,
                      fold_passes=layout is Layout.COMPACT)
    if unrun:
        _summary(console, unrun[0].status, f"{len(unrun)} other checks were not run: "
                 + ", ".join(c.id for c in unrun),
                 unrun[0].message.removeprefix(NOT_RUN))
    if layout is Layout.FAILURES_FIRST:
        _passes(console, report)
    note = broadcast_note(report.checks)
    if note:
        console.print()
        hanging(console, Text("note: ", "bold"), Text(note))
    _verdict(console, report, reproduce)


def _category(console, category, shown, width: int, quiz_command: str, repeats: dict,
              fold_passes: bool = False) -> None:
    console.print(Text(category.value, style="bold cyan"))
    passed = [c for c in shown if c.status is Status.PASS]
    if fold_passes and passed:  # named, not described: --verbose shows what each verifies
        hanging(console, Text(f"  {'pass':<7} ", STYLE[Status.PASS]),
                Text(", ".join(c.id for c in passed)))
        shown = [c for c in shown if c.status is not Status.PASS]
    todos = [c for c in shown if c.status is Status.TODO]
    if category is Category.QUIZ and len(todos) >= 3:
        for check in shown:  # each question in full; the shared message once
            _line(console, check, width,
                  message=check.message if check.status is not Status.TODO else "")
        what = (f"{quiz_command} asks them and can write your answers into your file"
                if quiz_command else todos[0].message.removeprefix("not answered yet: "))
        hanging(console, Text(" " * MESSAGE_INDENT),
                Text(f"{len(todos)} not answered yet: {what}"))
        return
    if len(todos) >= 3:  # many unfinished parts: one line, not a wall of repeats
        shown = [c for c in shown if c.status is not Status.TODO]
    for check in shown:  # a skip waits for another failure: what it checks can wait too
        _line(console, check, width, title=not (fold_passes and check.status is Status.SKIP),
              message=repeats.get(check.id, check.message))
    if len(todos) >= 3:
        _summary(console, Status.TODO, f"{len(todos)} not attempted yet: "
                 f"{', '.join(c.id for c in todos)}", todos[0].message)


def _failures_first(console, checks, quiz_command: str, repeats: dict) -> None:
    """What went wrong, each with its message (the title is for ``check --verbose``); then
    one line each for what could not be measured yet and what is not done yet."""
    for check in (c for c in checks if c.status in FAILING):
        head = Text.assemble(("  " + f"{check.status.value:<7}", STYLE[check.status]),
                             f" {check.id}", (f"  ({check.category.value})", "dim"))
        console.print(head, no_wrap=True, overflow="ignore")
        hanging(console, Text(" " * MESSAGE_INDENT),
                Text(repeats.get(check.id, check.message)))
    skipped = [c for c in checks if c.status is Status.SKIP]
    if skipped:
        hanging(console, Text(f"  {'skip':<7} ", STYLE[Status.SKIP]),
                Text(f"{len(skipped)} not measured until the failures above are fixed: "
                     + ", ".join(c.id for c in skipped)))
    todos = [c for c in checks if c.status is Status.TODO]
    quiz = [c for c in todos if c.category is Category.QUIZ]
    work = [c for c in todos if c.category is not Category.QUIZ]
    if work:
        _summary(console, Status.TODO, f"{len(work)} not attempted yet: "
                 + ", ".join(c.id for c in work), work[0].message)
    if quiz:
        how = f" ({quiz_command} asks them)" if quiz_command else ""
        hanging(console, Text(f"  {'todo':<7} ", STYLE[Status.TODO]),
                Text(f"{len(quiz)} quiz questions not answered yet{how}: "
                     + ", ".join(c.id for c in quiz)))


def _passes(console, report: Report) -> None:
    passed = [c for c in report.checks if c.status is Status.PASS]
    if not passed:
        return
    counts = [f"{category.value} {len(list(group))}" for category, group in
              groupby(passed, key=lambda c: c.category)]
    hanging(console, Text(f"  {'pass':<7} ", STYLE[Status.PASS]),
            Text(f"{len(passed)} checks pass ({', '.join(counts)})"))


def _not_run(checks) -> list:
    """Checks that did not run for one shared reason (the file did not load, a class is
    missing, earlier timeouts spent the time budget), when there are enough of them to be
    said once instead of line by line."""
    unrun = [c for c in checks if c.status is Status.SKIP or c.message.startswith(NOT_RUN)]
    reasons = {(c.status, c.message) for c in unrun}
    return unrun if len(unrun) >= 3 and len(reasons) == 1 else []


def _line(console: Console, check, width: int, message: str | None = None,
          title: bool = True) -> None:
    """Status, id and title (wrapped under itself, or on the next lines when the id is long
    or the console narrow), then the message of a check that did not pass."""
    head = Text.assemble(("  " + f"{check.status.value:<7}", STYLE[check.status]),
                         f" {check.id:<{width}}")
    room = console.width - len(head) - 2
    shown_title = check.title if title else ""
    if shown_title and len(check.id) <= width and room >= MIN_TITLE:
        hanging(console, head + Text("  "), Text(shown_title, style="dim"))
    else:
        head.rstrip()
        console.print(head, no_wrap=True, overflow="ignore")
        if shown_title:
            hanging(console, Text(" " * MESSAGE_INDENT), Text(shown_title, style="dim"))
    message = check.message if message is None else message
    if message and check.status is not Status.PASS:
        hanging(console, Text(" " * MESSAGE_INDENT), Text(message))


_CALL = re.compile(r"`[^`]*` raised")  # the call a message quotes: its arguments differ


def same_mistake(checks) -> dict[str, str]:
    """Failing checks whose message repeats an earlier one's but for its numbers (one mistake
    met at other sizes: a gradient of the wrong shape, a fit that cannot broadcast), each
    with the short line that stands for it: the message is printed once, in full, at the
    first check that says it."""
    first, repeats = {}, {}
    for check in checks:
        if check.status not in FAILING or len(check.message) < 80:
            continue
        key = (check.status, without_numbers(_CALL.sub("`…`", check.message)))
        if key in first:
            repeats[check.id] = f"the same mistake as in {first[key]} above."
        else:
            first[key] = check.id
    return repeats


def _summary(console: Console, status: Status, headline: str, message: str) -> None:
    """One line standing for several checks."""
    hanging(console, Text(f"  {status.value:<7} ", STYLE[status]), Text(headline))
    hanging(console, Text(" " * MESSAGE_INDENT), Text(message))


def hanging(console: Console, prefix: Text, body: Text) -> None:
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
    hanging(console, Text("Verdict: ", "bold"),
            Text.assemble((label, style), f"  ({summary}; {report.duration_s:.1f} s) — {advice}"))
    if report.verdict is not Verdict.PASS and reproduce:
        console.print(f"Same data again: [bold]{escape(reproduce)}[/bold]", soft_wrap=True)


# a (n, 1) column meeting an (n,) vector, said once ------------------------------------------

_INPUT = re.compile(r"<\((\d+),\s*(\d*)\)\s*array>|\b[A-Za-z_]\w* \((\d+),\s*(\d*)\)")
_SHAPE = re.compile(r"\((\d+),\s*(\d+)\)")
_TROUBLE = re.compile(r"broadcast|allocate|MemoryError")
BROADCAST_NOTE = (
    "this looks like y of shape (n, 1): several checks show (n, n) or (d, n) arrays built "
    "from inputs with n samples, which is what an (n, 1) column does when it meets an (n,) "
    "vector: NumPy broadcasts the pair into an (n, n) matrix instead of failing. Keep y, the "
    "predictions and the residual 1-D: no reshape(-1, 1) or [:, None] (use .ravel() if "
    "something gives you a column).")


def broadcast_note(checks) -> str:
    """What a (n, 1)-shaped y does to a whole report (ten broadcasting errors and a memory
    error, none saying why), said once; "" when the report does not show it, or when a check
    already names the column-vector mistake."""
    failing = [c for c in checks if c.status in FAILING]
    if any("(n, 1)" in c.message or "column vector" in c.message for c in failing):
        return ""
    evidence = 0
    for check in failing:
        message = check.message
        trouble = _TROUBLE.search(message)
        if not trouble:
            continue
        samples, features = set(), set()
        for match in _INPUT.finditer(message):
            first, second = (match.group(1), match.group(2)) if match.group(1) else \
                (match.group(3), match.group(4))
            samples.add(int(first))
            if second:
                features.add(int(second))
        for a, b in ((int(a), int(b)) for a, b in _SHAPE.findall(message[trouble.start():])):
            if b in samples and b > 1 and (a == b or a in features):
                evidence += 1
                break
            if a == b >= 1000 and "allocate" in message:
                evidence += 2  # an (n, n) matrix too large to exist says it on its own
                break
    return BROADCAST_NOTE if evidence >= 2 else ""
