"""``hint``: the next unrevealed hint (or all of them); says which one fits the last failure."""

from __future__ import annotations

from rich.markup import escape

from katakit import catalog
from katakit.commands.common import EXIT_OK, KATA_HELP, UsageError, command_line, console
from katakit.learner.history import open_history

HELP = "reveal the next hint for a kata (recorded in your history)"


def register(commands) -> None:
    parser = commands.add_parser("hint", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("number", nargs="?", type=int, help="reveal hint NUMBER (1-based)")
    parser.add_argument("--all", action="store_true", help="reveal every hint at once")
    parser.set_defaults(handler=run)


def hint_for_failures(kata: catalog.Kata, failing) -> int | None:
    """Index of the hint the manifest links to most of the failing checks (earliest on ties)."""
    overlaps = [len(set(hint.checks) & set(failing)) for hint in kata.hints]
    if not any(overlaps):
        return None
    return overlaps.index(max(overlaps))


def run(args) -> int:
    kata = catalog.load(args.kata)
    if args.number is not None and not 1 <= args.number <= len(kata.hints):
        raise UsageError(f"{kata.slug} has hints 1 to {len(kata.hints)}, not {args.number}")
    out = console()
    with open_history() as history:
        revealed = history.hints_revealed(kata.slug)
        checks = history.checks(kata.slug)
        failing = checks[-1].failing if checks and checks[-1].verdict != "pass" else ()
        if args.all:
            chosen = list(range(len(kata.hints)))
        elif args.number is not None:
            chosen = [args.number - 1]
        else:
            remaining = [i for i in range(len(kata.hints)) if i not in revealed]
            chosen = remaining[:1]
        for index in chosen:
            history.record_hint(kata.slug, index)
    total = len(kata.hints)
    if not chosen:
        out.print(f"All {total} hints are already revealed; `--all` shows them again.")
    for index in chosen:
        out.print(f"[bold]Hint {index + 1} of {total}[/bold]  {escape(kata.hints[index].text)}")
    fitting = hint_for_failures(kata, failing)
    if failing and fitting is not None:
        out.print(f"\nYour last check failed {', '.join(failing)}: hint {fitting + 1} is "
                  "about that" + ("." if fitting in revealed or fitting in chosen else
                                  f": {command_line('hint', kata.slug, fitting + 1)}"),
                  soft_wrap=True)
    return EXIT_OK
