"""``list``: the katas by track, with difficulty, time box and the learner's status."""

from __future__ import annotations

import json
import time

from rich.markup import escape
from rich.text import Text

from katakit import catalog
from katakit.learner import progress
from katakit.commands.common import (EXIT_OK, Heading, by_track, command_line, console, day,
                                     difficulty_value, duration, fitted_table, select_katas,
                                     track_value)
from katakit.learner.history import open_history

HELP = "list the katas by track, with difficulty, interview minutes and your status"
STYLE = {"passed": "green", "attempted": "yellow", "not started": "dim"}
COLUMNS = (  # header, alignment, drop order when the terminal is narrow (0: always shown)
    ("kata", "left", 0), ("level", "left", 4), ("min", "right", 0), ("status", "left", 0),
    ("best", "right", 2), ("hints", "right", 1), ("last", "left", 3),
)
TRACK_HELP = f"only this track: {', '.join(catalog.TRACKS)}"
DIFFICULTY_HELP = f"only this difficulty: {', '.join(catalog.DIFFICULTIES)} (those that exist)"


def register(commands) -> None:
    parser = commands.add_parser("list", help=HELP, description=HELP)
    parser.add_argument("--track", type=track_value, help=TRACK_HELP)
    parser.add_argument("--difficulty", type=difficulty_value, help=DIFFICULTY_HELP)
    parser.add_argument("--json", action="store_true", help="print a JSON array instead")
    parser.set_defaults(handler=run)


def run(args, clock=time.time) -> int:
    katas = select_katas(catalog.all_katas(), getattr(args, "track", None),
                         getattr(args, "difficulty", None))
    with open_history() as history:
        rows = [(kata, progress.kata_progress(kata, history)) for kata in katas]
    if args.json:
        print(json.dumps([{"kata": k.slug, "title": k.title, "track": k.track,
                           "difficulty": k.difficulty, "minutes": k.minutes, **p.to_json()}
                          for k, p in rows]))
        return EXIT_OK
    out = console()
    if not rows:
        out.print(f"No kata in the {args.track} track yet"
                  + (f" at difficulty {args.difficulty}" if args.difficulty else "") + ".")
        return EXIT_OK
    render(out, rows, clock())
    out.print(escape(f"Next: {command_line('next')}  (it proposes a kata; or show KATA, then "
                     "start KATA)"), soft_wrap=True)
    return EXIT_OK


def render(out, rows, now: float) -> None:
    """The katas table, a group per track in learning-path order; best is the fastest round
    to a pass, last the latest check."""
    status = {kata.slug: p for kata, p in rows}
    cells = []
    for track, katas in by_track([kata for kata, _ in rows]):
        passed = sum(status[k.slug].status == "passed" for k in katas)
        cells.append(Heading((track, "", "", f"{passed}/{len(katas)} passed", "", "", "")))
        cells += [(kata.slug, kata.difficulty, str(kata.minutes),
                   Text(status[kata.slug].status, style=STYLE[status[kata.slug].status]),
                   duration(status[kata.slug].best_time_s), str(status[kata.slug].hints_used),
                   day(status[kata.slug].last_attempt, now)) for kata in katas]
    table, _ = fitted_table(out, COLUMNS, cells, title="Katas")
    out.print(table)
