"""``list``: every kata with its difficulty, time box and the learner's status."""

from __future__ import annotations

import json

from rich.table import Table

from katakit import catalog, progress
from katakit.commands.common import EXIT_OK, console, duration, when
from katakit.history import open_history

HELP = "list the katas with difficulty, interview minutes and your status"


def register(commands) -> None:
    parser = commands.add_parser("list", help=HELP, description=HELP)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead")
    parser.set_defaults(handler=run)


def run(args) -> int:
    katas = catalog.all_katas()
    with open_history() as history:
        rows = [(kata, progress.kata_progress(kata, history)) for kata in katas]
    if args.json:
        print(json.dumps([{"kata": k.slug, "title": k.title, "difficulty": k.difficulty,
                           "minutes": k.minutes, **p.to_json()} for k, p in rows]))
        return EXIT_OK
    table = Table(title="Katas", title_justify="left")
    for column in ("kata", "difficulty", "min", "status", "best", "hints", "last"):
        table.add_column(column, justify="right" if column in ("min", "hints") else
                         "left", no_wrap=True)
    style = {"passed": "green", "attempted": "yellow", "not started": "dim"}
    for kata, p in rows:
        table.add_row(kata.slug, kata.difficulty, str(kata.minutes),
                      f"[{style[p.status]}]{p.status}[/]", duration(p.best_time_s),
                      str(p.hints_used), when(p.last_attempt)[:10])
    out = console()
    out.print(table)
    out.print("Next: python grader.py show KATA, then python grader.py start KATA")
    return EXIT_OK
