"""``batch``: grade a folder of submissions in parallel and write CSV + JSON reports."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from katakit import catalog
from katakit.commands.common import (EXIT_NOT_PASSED, EXIT_OK, KATA_HELP, UsageError, console,
                                     seed_value)
from katakit.seeds import new_seed

HELP = "grade every submission in a folder (instructors); writes a CSV and a JSON report"
DIR_HELP = "folder with DIR/*.py or DIR/<student>/KATA.py submissions"
JOBS_HELP = "submissions graded at once (default: the number of CPU cores)"
OUT_HELP = "base name of the reports: OUT.csv and OUT.json (default: ./batch-KATA)"
NO_ISOLATION_HELP = ("grade without Linux-namespace isolation (only for code you trust: every "
                     "report row then says so)")


def register(commands) -> None:
    parser = commands.add_parser("batch", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("dir", type=Path, help=DIR_HELP)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help=JOBS_HELP)
    parser.add_argument("--out", type=Path, help=OUT_HELP)
    parser.add_argument("--seed", type=seed_value, help="one seed for every submission")
    parser.add_argument("--no-isolation", action="store_true", help=NO_ISOLATION_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from katakit.examiner import batch  # what batch alone needs: only when it runs
    kata = catalog.load(args.kata)
    if not args.dir.is_dir():
        raise UsageError(f"not a folder: {args.dir}")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    submissions, ignored = batch.discover(kata, args.dir)
    if not submissions:
        raise UsageError(f"no submissions in {args.dir}: expected *.py files or "
                         f"<student>/{kata.slug}.py")
    try:
        paths = batch.prepare_reports(args.out or Path.cwd() / f"batch-{kata.slug}")
    except OSError as error:
        raise UsageError(f"cannot write the reports: {error.strerror}: {error.filename} "
                         "(choose another --out)") from None
    seed = new_seed() if args.seed is None else args.seed
    isolation = "none" if args.no_isolation else "required"
    if not args.no_isolation:
        from katakit.candidate import isolation as sandbox
        if not sandbox.detect().isolated:
            raise UsageError(f"batch grades code written by others, so it runs every "
                             f"submission in Linux namespaces, and this machine has none: "
                             f"{sandbox.unavailable_reason()}. To grade code you trust "
                             "without isolation, pass --no-isolation.")
    out = console()
    if ignored:
        out.print(escape(f"Left out {len(ignored)}: " + ", ".join(ignored)), highlight=False)
    if args.no_isolation:
        out.print("[bold yellow]--no-isolation:[/] submissions run as you, guarded only by an "
                  "in-process audit hook; every row says so.")
    reports = batch.Reports(kata, seed, paths, [s.student for s in submissions])
    started = time.perf_counter()
    try:
        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeElapsedColumn(), console=out,
                      transient=True) as progress:
            task = progress.add_task(f"grading {kata.slug}", total=len(submissions))

            def done(row):
                reports.add(row)
                progress.advance(task)

            rows = batch.grade_all(kata, submissions, seed, args.jobs, isolation, on_done=done)
    except KeyboardInterrupt:
        out.print(escape(f"interrupted: {len(reports.rows)} of {len(submissions)} rows are in "
                         f"{paths[0]} and {paths[1]}"), highlight=False)
        raise
    elapsed = time.perf_counter() - started
    out.print(summary_table(rows))
    verdicts = Counter(row.verdict for row in rows)
    out.print(f"{len(rows)} submissions in {elapsed:.1f} s with {args.jobs} job(s), seed "
              f"{seed}: " + ", ".join(f"{n} {v}" for v, n in verdicts.most_common()))
    out.print(escape(f"isolation: {rows[0].isolation if rows else isolation}"),
              highlight=False)
    out.print(escape(f"wrote {paths[0]} and {paths[1]}"), highlight=False)
    return EXIT_OK if verdicts.keys() <= {"pass"} else EXIT_NOT_PASSED


def summary_table(rows) -> Table:
    table = Table(title="Batch results", title_justify="left")
    for column in ("student", "verdict", "passed", "failing checks", "time"):
        table.add_column(column)
    style = {"pass": "green", "fail": "red", "todo": "yellow", "error": "bold red"}
    for row in rows:
        passed = sum(p for p, _ in row.categories.values())
        total = sum(t for _, t in row.categories.values())
        unguarded = " [yellow](no isolation)[/]" if row.isolation.startswith("none") else ""
        table.add_row(escape(row.student),
                      f"[{style.get(row.verdict, '')}]{row.verdict}[/]{unguarded}",
                      f"{passed}/{total}" if total else "-",
                      escape(_first([f"{c} (timeout)" if c in row.timed_out else c
                                     for c in row.failing]) or row.message or "-"),
                      f"{row.duration_s:.1f} s")
    return table


def _first(ids, shown=3) -> str:
    more = f" +{len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more
