"""``start``: copy the stub into the git-ignored workspace; never overwrite work silently."""

from __future__ import annotations

from katakit import catalog
from katakit.learner import workspace
from katakit.commands.common import EXIT_OK, KATA_HELP, command_line, shown_path
from katakit.learner.history import open_history

HELP = "copy a kata's stub into your workspace (KATA.py) and start a round"
FRESH_HELP = ("start a new round from the stub; the current file is kept in "
              "the workspace's .attempts/ folder and in the history")


def register(commands) -> None:
    parser = commands.add_parser("start", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--fresh", action="store_true", help=FRESH_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    kata = catalog.load(args.kata)
    with open_history() as history:
        started = workspace.start(kata, history, fresh=args.fresh)
    shown = shown_path(started.path)
    if not started.created:
        print(f"{shown} already exists; your work there is untouched.\n"
              f"Keep going, or start over with: {command_line('start', kata.slug, '--fresh')}")
        return EXIT_OK
    if started.kept is not None:
        print(f"New round: your previous file is kept in {shown_path(started.kept)}.")
    print(f"{shown}\nEdit it, then grade it with: {command_line('check', kata.slug)}")
    return EXIT_OK

