"""``progress``: attempts, passes, streak, time spent, hints and peeks, and what is due."""

from __future__ import annotations

import json
import time

from rich import box
from rich.table import Table

from katakit import catalog
from katakit import progress as stats
from katakit.commands.common import EXIT_OK, console, duration, when
from katakit.history import open_history

HELP = "your history over time and which katas are due for another round"


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
    table = Table(title=f"Progress — streak {streak} day{'s' * (streak != 1)}",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  caption="runs: checks of your files; h/p: hints used / peeks at the reference",
                  caption_justify="left")
    for column in ("kata", "status", "runs", "pass", "best", "spent", "h/p", "due"):
        table.add_column(column, no_wrap=True)
    for p in rows:
        due_text = "now" if p.slug in due else (when(p.due_at)[:10] if p.due_at else "-")
        table.add_row(p.slug, p.status, str(p.attempts), str(p.passes),
                      duration(p.best_time_s), duration(p.time_spent_s),
                      f"{p.hints_used}/{p.peeks}", due_text)
    out.print(table)
    _render_mocks(out, mocks)
    if due:
        out.print(f"Due for another round: {', '.join(due)} "
                  f"(python grader.py start {due[0]} --fresh)")
    elif fresh:
        out.print(f"Next up: {fresh[0]} (python grader.py start {fresh[0]})")
    return EXIT_OK


def _render_mocks(out, mocks) -> None:
    if not mocks:
        return
    table = Table(title="Mock interviews", title_justify="left")
    for column in ("date", "katas", "grade", "state"):
        table.add_column(column)
    for mock in mocks:
        table.add_row(when(mock["started_at"]), ", ".join(mock["katas"]),
                      mock.get("grade") or "-", mock["state"])
    out.print(table)
