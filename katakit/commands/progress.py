"""``progress``: attempts, passes, streak, time spent, hints and peeks, and what is due."""

from __future__ import annotations

import datetime as dt
import json
import time

from katakit import catalog
from katakit.learner import progress as stats
from katakit.commands.common import EXIT_OK, console, day, due_in, duration, fitted_table
from katakit.learner.history import open_history

HELP = "your history over time and which katas are due for another round"
COLUMNS = (  # header, alignment, drop order when the terminal is narrow (0: always shown)
    ("kata", "left", 0), ("status", "left", 0), ("runs", "right", 2), ("pass", "right", 4),
    ("best", "right", 3), ("spent", "right", 0), ("h/p", "right", 1), ("due", "left", 0),
)
LEGEND = {"runs": "runs: checks of your files", "h/p": "h/p: hints used / peeks at the "
          "reference"}
MOCK_STATES = {"timed_out": "timed out", "interrupted": "left early",
               "questions": "in follow-ups", "running": "in progress"}


def register(commands) -> None:
    parser = commands.add_parser("progress", help=HELP, description=HELP)
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(handler=run)


def run(args, clock=time.time) -> int:
    now = clock()
    katas = catalog.all_katas()
    with open_history() as history:
        rows = [stats.kata_progress(kata, history) for kata in katas]
        streak = stats.streak_days(history, now)
        mocks = history.mock_results()
    due = [p.slug for p in rows if p.status == "passed" and p.is_due(now)]
    fresh = [p.slug for p in rows if p.status != "passed"]
    if args.json:
        print(json.dumps({"streak_days": streak, "due": due, "not_passed": fresh,
                          "katas": [p.to_json() for p in rows], "mocks": mocks}))
        return EXIT_OK
    out = console()
    render(out, rows, streak, now)
    render_mocks(out, mocks, now)
    if due:
        out.print(f"Due for another round: {', '.join(due)} "
                  f"(python grader.py start {due[0]} --fresh)", soft_wrap=True)
    elif fresh:
        out.print(f"Next up: {fresh[0]} (python grader.py start {fresh[0]})", soft_wrap=True)
    return EXIT_OK


def render(out, rows, streak: int, now: float) -> None:
    cells = [(p.slug, p.status, str(p.attempts), str(p.passes), duration(p.best_time_s),
              duration(p.time_spent_s or None), f"{p.hints_used}/{p.peeks}",
              due_in(p.due_at, now) if p.status == "passed" else "-") for p in rows]
    title = f"Progress — streak {streak} day{'s' * (streak != 1)}"
    table, kept = fitted_table(out, COLUMNS, cells, title=title)
    legend = "; ".join(text for header, text in LEGEND.items() if header in kept)
    out.print(table)
    if legend:
        out.print(legend, style="dim")


def render_mocks(out, mocks, now: float) -> None:
    if not mocks:
        return
    cells = [(f"{day(m['started_at'], now)} "
              f"{dt.datetime.fromtimestamp(m['started_at']):%H:%M}", ", ".join(m["katas"]),
              m.get("grade") or "-", MOCK_STATES.get(m["state"], m["state"])) for m in mocks]
    columns = (("date", "left", 0), ("katas", "left", 0), ("grade", "left", 0),
               ("state", "left", 0))
    table, _ = fitted_table(out, columns, cells, title="Mock interviews")
    out.print(table)
