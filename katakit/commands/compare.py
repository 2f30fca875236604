"""``compare``: your code beside the reference (diff), and both run on the same data."""

from __future__ import annotations

import numbers
from pathlib import Path

from rich import box
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from katakit import catalog
from katakit.examiner import compare
from katakit.output import plot
from katakit.commands.common import (EXIT_OK, KATA_HELP, UsageError, console, resolve_target,
                                     seed_value)
from katakit.learner.history import open_history
from katakit.seeds import new_seed

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
    render_diff(out, kata, path)
    scenario = compare.scenario_of(kata)
    if scenario is None:
        out.print(f"{kata.slug} defines no numeric comparison.")
        return EXIT_OK
    seed = new_seed() if args.seed is None else args.seed
    mine = compare.measure(scenario, kata, path, seed)
    reference = compare.measure(scenario, kata, kata.solution_path, seed)
    out.rule(f"the same data for both (seed {seed})")
    out.print(metrics_table(mine, reference, out.width))
    render_curves(out, mine, reference, args.plot)
    return EXIT_OK


def render_diff(out, kata, path) -> None:
    out.rule("your code vs the reference (diff: - reference, + yours)")
    diff, quiz_hidden = compare.code_diff(kata, path)
    out.print(Syntax(diff or "(identical)\n", "diff"))
    if quiz_hidden:
        out.print(f"(quiz answers not shown; `python grader.py quiz {kata.slug}` checks yours)",
                  style="dim", highlight=False, markup=False)


def metrics_table(mine, reference, width=80) -> Table | Text:
    """Metric, yours, reference in ``width`` columns (at most 100). Vectors are broken into
    lines after a comma, never inside a number. Where yours / reference means something (a
    time) it is said in a caption, not in a column that would be empty on every other row."""
    if mine.problem:
        return Text.assemble(("Your code could not be measured: ", "red"), mine.problem)
    width = min(width, 100)
    name_width = min(max((len(m.name) for m in mine.metrics), default=1), max(16, width - 62))
    value_width = max((width - name_width - 8) // 2, 10)  # 8: padding and rules
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, caption_justify="left")
    table.add_column("", width=name_width)
    for column in ("yours", "reference"):
        table.add_column(column, justify="right", width=value_width, overflow="fold")
    theirs = {m.name: m for m in reference.metrics}
    ratios = []
    for metric in mine.metrics:
        other = theirs.get(metric.name)
        yours, ref = _format_pair(metric.value, other.value if other else None)
        table.add_row(Text(metric.name), *(Text(_lines(text, value_width), justify="left")
                                           if text.startswith("[") else Text(text)
                                           for text in (yours, ref)))
        if metric.ratio and other and _is_number(metric.value) and _is_number(other.value) \
                and other.value:
            ratios.append(f"{metric.name}: yours / reference = "
                          f"{metric.value / other.value:.2f}")
    table.caption = "\n".join(ratios) or None
    return table


def render_curves(out, mine, reference, png_path) -> None:
    for name in mine.curves:
        curves = {"yours": mine.curves[name]}
        if name in reference.curves:
            curves["reference"] = reference.curves[name]
        out.rule(name)
        for line in plot.terminal_chart(curves, columns=out.width):
            out.print(line, highlight=False, markup=False, no_wrap=True, overflow="crop")
        if png_path is not None:
            target = png_path if len(mine.curves) == 1 else \
                png_path.with_name(f"{png_path.stem}_{name}{png_path.suffix}")
            plot.png_chart(curves, target, title=name)
            out.print(f"wrote {target}")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _format_pair(mine, theirs) -> tuple[str, str]:
    """Both values with 4 significant digits, or more when that is what tells them apart (a
    final loss off in the 6th digit is a real difference that 4 digits would hide)."""
    if not (_is_number(mine) and _is_number(theirs)) or isinstance(mine, int):
        return _format(mine), "-" if theirs is None else _format(theirs)
    for digits in range(4, 10):
        pair = plot.number(float(mine), digits), plot.number(float(theirs), digits)
        if pair[0] != pair[1] or float(mine) == float(theirs):
            return pair
    return pair


def _format(value) -> str:
    """Numbers short (4 significant digits), anything else as it is."""
    if _is_number(value) and not isinstance(value, int):
        return plot.number(float(value), 4)
    return str(value)


def _lines(vector: str, width: int) -> str:
    """A vector printed by numpy ("[-0.79  , 1.2]") as lines of whole, aligned items."""
    if not vector.endswith("]"):
        return vector
    items = [item.strip() for item in vector[1:-1].split(",")]
    size = max(map(len, items))
    per_line = max(1, width // (size + 2))  # a line of n items is n * (size + 2) long
    rows = [", ".join(item.rjust(size) for item in items[i:i + per_line])
            for i in range(0, len(items), per_line)]
    return "[" + ",\n ".join(rows) + "]"
