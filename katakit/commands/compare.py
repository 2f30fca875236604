"""``compare``: your code beside the reference (diff), and both run on the same data."""

from __future__ import annotations

import numbers
from pathlib import Path

from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from katakit import catalog, compare, plot, run as grading
from katakit.commands.check import resolve_target, seed_value
from katakit.commands.common import EXIT_OK, KATA_HELP, UsageError, console
from katakit.history import open_history

HELP = "compare your code and its numbers with the reference solution"


def register(commands) -> None:
    parser = commands.add_parser("compare", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--file", type=Path, help="your file (default: workspace/KATA.py)")
    parser.add_argument("--peek", action="store_true",
                        help="look before you have passed (recorded in your history)")
    parser.add_argument("--plot", type=Path, metavar="FILE", help="also write the curves "
                        "as a PNG")
    parser.add_argument("--seed", type=seed_value, help="seed of the data")
    parser.set_defaults(handler=run)


def run(args) -> int:
    kata = catalog.load(args.kata)
    path, _ = resolve_target(kata, args.file, reference=False)
    with open_history() as history:
        passed = any(c.verdict == "pass" for c in history.checks(kata.slug))
        if not passed and not args.peek:
            raise UsageError(f"you have not passed {kata.slug} yet and compare shows the "
                             "reference solution; keep trying, or look anyway with --peek "
                             "(recorded in your history)")
        if not passed:
            history.record_peek(kata.slug)
    out = console()
    out.rule("your code vs the reference (diff: - reference, + yours)")
    out.print(Syntax(compare.code_diff(kata, path) or "(identical)\n", "diff"))
    scenario = compare.scenario_of(kata)
    if scenario is None:
        out.print(f"{kata.slug} defines no numeric comparison.")
        return EXIT_OK
    seed = grading.new_seed() if args.seed is None else args.seed
    mine = compare.measure(scenario, kata, path, seed)
    reference = compare.measure(scenario, kata, kata.solution_path, seed)
    out.rule(f"the same data for both (seed {seed})")
    out.print(metrics_table(mine, reference))
    render_curves(out, mine, reference, args.plot)
    return EXIT_OK


def metrics_table(mine, reference) -> Table | str:
    if mine.problem:
        return Text.assemble(("Your code could not be measured: ", "red"), mine.problem)
    table = Table()
    for column in ("", "yours", "reference", "yours / reference"):
        table.add_column(column, justify="left" if not column else "right")
    theirs = {m.name: m for m in reference.metrics}
    for metric in mine.metrics:
        other = theirs.get(metric.name)
        ratio = ""
        if metric.ratio and other and isinstance(other.value, numbers.Real) and other.value:
            ratio = f"{metric.value / other.value:.2f}x"
        table.add_row(Text(metric.name), Text(_format(metric.value)),
                      Text(_format(other.value) if other else "-"), ratio)
    return table


def render_curves(out, mine, reference, png_path) -> None:
    for name in mine.curves:
        curves = {"yours": mine.curves[name]}
        if name in reference.curves:
            curves["reference"] = reference.curves[name]
        out.rule(name)
        for line in plot.terminal_chart(curves):
            out.print(line, highlight=False, markup=False)
        if png_path is not None:
            target = png_path if len(mine.curves) == 1 else \
                png_path.with_name(f"{png_path.stem}_{name}{png_path.suffix}")
            plot.png_chart(curves, target, title=name)
            out.print(f"wrote {target}")


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
