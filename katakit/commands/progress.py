"""``progress``: attempts, passes, streak, time spent, hints and peeks by track, what is due,
and the mock interviews."""

from __future__ import annotations

import datetime as dt
import json
import time

from rich.markup import escape

from katakit import catalog
from katakit.learner import progress as stats
from katakit.commands.common import (EXIT_OK, Heading, by_track, command_line, console, day,
                                     due_in, duration, fitted_table, select_katas,
                                     track_value)
from katakit.learner.history import open_history

HELP = "your history by track, and which katas are due for another round"
COLUMNS = (  # header, alignment, drop order when the terminal is narrow (0: always shown)
    ("kata", "left", 0), ("status", "left", 0), ("runs", "right", 2), ("pass", "right", 4),
    ("best", "right", 3), ("spent", "right", 0), ("h/p", "right", 1), ("due", "left", 0),
)
LEGEND = {"runs": "runs: checks of your files", "h/p": "h/p: hints used / peeks at the "
          "reference"}


def register(commands) -> None:
    parser = commands.add_parser("progress", help=HELP, description=HELP)
    parser.add_argument("--track", type=track_value, help="only this track")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(handler=run)


def run(args, clock=time.time) -> int:
    now = clock()
    katas = select_katas(catalog.all_katas(), getattr(args, "track", None))
    with open_history() as history:
        rows = {kata.slug: stats.kata_progress(kata, history) for kata in katas}
        streak = stats.streak_days(history, now)
        mocks = history.mock_results()
    due = [slug for slug, p in rows.items() if p.status == "passed" and p.is_due(now)]
    fresh = [slug for slug, p in rows.items() if p.status != "passed"]
    tracks = track_summary(katas, rows, now)
    if args.json:
        print(json.dumps({"streak_days": streak, "due": due, "not_passed": fresh,
                          "tracks": tracks, "katas": [p.to_json() for p in rows.values()],
                          "mocks": mocks}))
        return EXIT_OK
    out = console()
    render(out, katas, rows, streak, now)
    render_tracks(out, tracks)
    render_mocks(out, mocks, now)
    for suggestion in stats.suggestions(katas, rows, now)[:1]:
        command = command_line("start", suggestion.slug, *(["--fresh"] if suggestion.review
                                                           and rows[suggestion.slug].status
                                                           == "passed" else []))
        out.print(escape(f"Next: {suggestion.slug}, {suggestion.reason}: {command}"),
                  soft_wrap=True)
    return EXIT_OK


def track_summary(katas, rows, now: float) -> list[dict]:
    return [{"track": track, "katas": len(mine),
             "passed": sum(rows[k.slug].status == "passed" for k in mine),
             "attempted": sum(rows[k.slug].status == "attempted" for k in mine),
             "due": sum(rows[k.slug].status == "passed" and rows[k.slug].is_due(now)
                        for k in mine),
             "time_spent_s": sum(rows[k.slug].time_spent_s for k in mine)}
            for track, mine in by_track(katas)]


def render(out, katas, rows, streak: int, now: float) -> None:
    cells = []
    for track, mine in by_track(katas):
        cells.append(Heading((track, "", "", "", "", "", "", "")))
        for kata in mine:
            p = rows[kata.slug]
            cells.append((p.slug, p.status, str(p.attempts), str(p.passes),
                          duration(p.best_time_s), duration(p.time_spent_s or None),
                          f"{p.hints_used}/{p.peeks}",
                          due_in(p.due_at, now) if p.status == "passed" else "-"))
    title = f"Progress — streak {streak} day{'s' * (streak != 1)}"
    table, kept = fitted_table(out, COLUMNS, cells, title=title)
    legend = "; ".join(text for header, text in LEGEND.items() if header in kept)
    out.print(table)
    if legend:
        out.print(legend, style="dim")


def render_tracks(out, tracks) -> None:
    columns = (("track", "left", 0), ("passed", "right", 0), ("started", "right", 2),
               ("due", "right", 0), ("spent", "right", 1))
    cells = [(t["track"], f"{t['passed']}/{t['katas']}", str(t["attempted"]), str(t["due"]),
              duration(t["time_spent_s"] or None)) for t in tracks]
    table, _ = fitted_table(out, columns, cells, title="By track")
    out.print(table)


def render_mocks(out, mocks, now: float) -> None:
    if not mocks:
        return
    cells = [(f"{day(m['started_at'], now)} "
              f"{dt.datetime.fromtimestamp(m['started_at']):%H:%M}", ", ".join(m["katas"]),
              m.get("grade") or "-", m["state"].label) for m in mocks]
    columns = (("date", "left", 0), ("katas", "left", 0), ("grade", "left", 0),
               ("state", "left", 0))
    table, _ = fitted_table(out, columns, cells, title="Mock interviews")
    out.print(table)
