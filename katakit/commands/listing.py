"""``list``: every kata with its difficulty, time box and the learner's status."""

from __future__ import annotations

import json
import time

from rich.text import Text

from katakit import catalog
from katakit.learner import progress
from katakit.commands.common import EXIT_OK, console, day, duration, fitted_table
from katakit.learner.history import open_history

HELP = "list the katas with difficulty, interview minutes and your status"
STYLE = {"passed": "green", "attempted": "yellow", "not started": "dim"}
COLUMNS = (  # header, alignment, drop order when the terminal is narrow (0: always shown)
    ("kata", "left", 0), ("level", "left", 4), ("min", "right", 0), ("status", "left", 0),
    ("best", "right", 2), ("hints", "right", 1), ("last", "left", 3),
)


def register(commands) -> None:
    parser = commands.add_parser("list", help=HELP, description=HELP)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead")
    parser.set_defaults(handler=run)


def run(args, clock=time.time) -> int:
    katas = catalog.all_katas()
    with open_history() as history:
        rows = [(kata, progress.kata_progress(kata, history)) for kata in katas]
    if args.json:
        print(json.dumps([{"kata": k.slug, "title": k.title, "difficulty": k.difficulty,
                           "minutes": k.minutes, **p.to_json()} for k, p in rows]))
        return EXIT_OK
    out = console()
    render(out, rows, clock())
    out.print("Next: python grader.py show KATA, then python grader.py start KATA", soft_wrap=True)
    return EXIT_OK


def render(out, rows, now: float) -> None:
    """The katas table; best is the fastest round to a pass, last the latest check."""
    cells = [(kata.slug, kata.difficulty, str(kata.minutes),
              Text(p.status, style=STYLE[p.status]), duration(p.best_time_s),
              str(p.hints_used), day(p.last_attempt, now)) for kata, p in rows]
    table, _ = fitted_table(out, COLUMNS, cells, title="Katas")
    out.print(table)
