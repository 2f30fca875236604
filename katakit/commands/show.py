"""``show``: the kata's statement, rendered for the terminal (plain when piped/NO_COLOR)."""

from __future__ import annotations

import os

from katakit import catalog
from katakit.commands.common import (EXIT_OK, KATA_HELP, command_line, console, plain_output,
                                     statement_text)

HELP = "read a kata's statement"


def register(commands) -> None:
    parser = commands.add_parser("show", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    kata = catalog.load(args.kata)
    text = statement_text(kata)
    header = f"{kata.title} — {kata.difficulty}, {kata.minutes} min"
    if plain_output():
        print(header + "\n\n" + text, end="" if text.endswith("\n") else "\n")
    else:  # a statement is longer than a screen: page it (PAGER is respected)
        from rich.markdown import Markdown  # slow to import: only for a terminal
        out = console()
        os.environ.setdefault("LESS", "-R")  # let less show the colours instead of escapes
        with out.pager(styles=True):
            out.print(f"[bold]{header}[/bold]\n")
            out.print(Markdown(text))
    print(f"\nStart it with: {command_line('start', kata.slug)}")
    return EXIT_OK
