"""``next``: the kata to practise now (the most overdue review, else the first kata of the
learning path not passed yet), and the command that starts it."""

from __future__ import annotations

import json
import time

from rich.markup import escape

from katakit import catalog
from katakit.learner import progress as stats
from katakit.commands.common import (EXIT_OK, command_line, console, difficulty_value,
                                     select_katas, track_value)
from katakit.learner.history import open_history

HELP = "propose the next kata to practise (a review that is due, or the next on your path)"


def register(commands) -> None:
    parser = commands.add_parser("next", help=HELP, description=HELP)
    parser.add_argument("--track", type=track_value, help="only this track")
    parser.add_argument("--difficulty", type=difficulty_value, help="only this difficulty")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(handler=run)


def run(args, clock=time.time) -> int:
    now = clock()
    katas = select_katas(catalog.all_katas(), args.track, args.difficulty)
    with open_history() as history:
        rows = {kata.slug: stats.kata_progress(kata, history) for kata in katas}
    found = stats.suggestions(katas, rows, now)
    commands = [_command(s, rows) for s in found]
    if args.json:
        print(json.dumps([{"kata": s.slug, "reason": s.reason, "review": s.review,
                           "command": c} for s, c in zip(found, commands)]))
        return EXIT_OK
    out = console()
    if not found:
        out.print("No kata matches." if not katas else "Nothing to propose.")
        return EXIT_OK
    first, command = found[0], commands[0]
    kata = next(k for k in katas if k.slug == first.slug)
    out.print(f"[bold]Next: {kata.slug}[/bold] — {escape(first.reason)}.")
    out.print(escape(f"{kata.title} ({kata.track}, {kata.difficulty}, {kata.minutes} min)"))
    out.print(escape(f"Start it with: {command}"), soft_wrap=True)
    for other, other_command in zip(found[1:], commands[1:]):
        out.print(escape(f"Or: {other.slug}, {other.reason}: {other_command}"), soft_wrap=True)
    return EXIT_OK


def _command(suggestion, rows) -> str:
    fresh = suggestion.review and rows[suggestion.slug].status == "passed"
    return command_line("start", suggestion.slug, *(["--fresh"] if fresh else []))
