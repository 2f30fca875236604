"""``dev``: the kata author's commands.

``dev check [KATA ...]`` proves katas sound (see ``katakit.examiner.devcheck``): manifest,
files, hints, quiz, README row, then the reference, the stub and every golden graded. ``dev
readme`` regenerates the README's catalogue table from the manifests.
"""

from __future__ import annotations

import os
import time

from rich.markup import escape

from katakit import catalog
from katakit.commands.common import EXIT_NOT_PASSED, EXIT_OK, UsageError, console

HELP = "for kata authors: prove katas sound (dev check) or regenerate the README table"
CHECK_HELP = ("validate manifests, grade each reference (must pass), stub (must be todo) and "
              "golden (must get its named verdict and failing checks)")


def register(commands) -> None:
    parser = commands.add_parser("dev", help=HELP, description=HELP)
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help=CHECK_HELP, description=CHECK_HELP)
    check.add_argument("katas", nargs="*", metavar="KATA", help="katas to check (default: all)")
    check.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="gradings run at once (default: the number of CPU cores)")
    check.add_argument("--no-grading", action="store_true",
                       help="only what needs no grading (manifest, files, quiz, README)")
    check.set_defaults(handler=run_check)
    readme = actions.add_parser("readme", help="write the catalogue table into README.md")
    readme.set_defaults(handler=run_readme)


def run_check(args) -> int:
    from katakit.examiner import devcheck  # grading imports pytest: only here
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    slugs = [catalog.normalize(name) for name in args.katas] or catalog.slugs()
    for name, slug in zip(args.katas, slugs):
        if slug not in catalog.slugs():
            raise UsageError(catalog.unknown_kata_message(name))
    out = console()
    started = time.perf_counter()
    findings = [f for slug in slugs for f in devcheck.check_manifest(slug)]
    broken = {f.kata for f in findings if f.subject in ("manifest",) or "missing" in f.problem}
    if not args.no_grading:
        katas = [catalog.load(slug) for slug in slugs if slug not in broken]
        out.print(f"grading {len(katas)} kata(s): reference, stub and "
                  f"{sum(len(devcheck.goldens(k)) for k in katas)} goldens, {args.jobs} at a "
                  f"time (seed {devcheck.GOLDEN_SEED}) ...")
        findings += devcheck.check_grading(katas, args.jobs)
    report(out, slugs, findings, time.perf_counter() - started)
    return EXIT_NOT_PASSED if findings else EXIT_OK


def report(out, slugs, findings, seconds: float) -> None:
    for slug in slugs:
        mine = [f for f in findings if f.kata == slug]
        if not mine:
            out.print(f"[green]ok[/green]    {slug}")
            continue
        out.print(f"[red]wrong[/red] {slug}")
        for finding in mine:
            out.print(f"      {escape(finding.subject)}: {escape(finding.problem)}",
                      soft_wrap=True)
            if finding.next_step:
                out.print(f"        next: {escape(finding.next_step)}", style="dim",
                          soft_wrap=True)
    verdict = "every kata is sound" if not findings else \
        f"{len(findings)} problem(s) in {len({f.kata for f in findings})} kata(s)"
    out.print(f"\n{verdict} ({seconds:.0f} s)")


def run_readme(args) -> int:
    from katakit.examiner import devcheck
    changed = devcheck.write_readme_table()
    print("README.md: catalogue table " + ("updated" if changed else "already up to date"))
    return EXIT_OK
