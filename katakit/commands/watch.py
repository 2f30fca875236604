"""``watch``: re-grade the workspace file on every save until Ctrl-C.

Grading happens in this process (pytest stays imported), and the file is polled every
``POLL_S`` with the standard library only, so a save shows its result in well under a second
plus the grading time. The report shows what needs work first and folds the passing checks
into a count, so the failures stay on a 40-row screen.
"""

from __future__ import annotations

import time
from pathlib import Path

from katakit import catalog
from katakit.output import report
from katakit.commands.common import (EXIT_OK, KATA_HELP, command_line, console,
                                     grade_and_record, in_workspace, resolve_target)

HELP = "re-grade your workspace file every time you save it (Ctrl-C to stop)"
POLL_S = 0.1


def register(commands) -> None:
    parser = commands.add_parser("watch", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--file", type=Path, help="the file to watch (default: "
                        f"{in_workspace('KATA.py')})")
    parser.set_defaults(handler=run)


def fingerprint(path: Path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def run(args, max_grades: int | None = None) -> int:
    kata = catalog.load(args.kata)
    path, label = resolve_target(kata, args.file, reference=False)
    out = console()
    seen, grades = None, 0
    try:
        while max_grades is None or grades < max_grades:
            current = fingerprint(path)
            if current is not None and current != seen:
                seen = current
                if out.is_terminal:
                    out.clear()
                noticed = time.perf_counter()
                result = grade_and_record(kata, path, label, origin="watch")
                report.render(result, out, layout=report.Layout.FAILURES_FIRST,
                              quiz_command=command_line("quiz", kata.slug, *(
                                  ["--file", str(args.file)] if args.file else [])))
                took = time.perf_counter() - noticed
                what = f"graded {took:.2f} s after the change" if grades else \
                    f"graded the current file ({took:.2f} s)"
                grades += 1
                out.print(f"[dim]{what}; watching {label} — save to re-grade, Ctrl-C to "
                          "stop[/dim]")
            time.sleep(POLL_S)
    except KeyboardInterrupt:
        out.print("\nstopped watching.")
    return EXIT_OK
