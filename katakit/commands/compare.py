"""``compare``: your code beside the reference (diff), and both run on the same data.

The diff leaves out docstrings and comments (the stub's instructions are not your code) unless
``--full``, and never shows the reference's quiz answers. Times are measured in rounds that
alternate between your code and the reference, both workers alive, so a change in the
machine's load hits both alike; each side's time is its minimum over every run, and the
spread of the per-round ratios is shown beside the ratio.
"""

from __future__ import annotations

import ast
import dataclasses
import difflib
import io
import numbers
import tokenize
from dataclasses import dataclass
from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text

from katakit import catalog
from katakit.commands.common import (EXIT_OK, KATA_HELP, UsageError, command_line, console,
                                     in_workspace, resolve_target, seed_value)
from katakit.text import source_text
from katakit.learner.history import open_history
from katakit.seeds import new_seed

HELP = "compare your code and its numbers with the reference solution"
ROUNDS = 5
FULL_HELP = "show docstrings and comments in the diff too"
ROUNDS_HELP = f"timing rounds, alternating yours and the reference (default {ROUNDS})"


def register(commands) -> None:
    parser = commands.add_parser("compare", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--file", type=Path, help="your file (default: "
                        f"{in_workspace('KATA.py')})")
    parser.add_argument("--peek", action="store_true",
                        help="look before you have passed (recorded in your history)")
    parser.add_argument("--plot", type=Path, metavar="FILE", help="also write the curves "
                        "as a PNG")
    parser.add_argument("--seed", type=seed_value, help="seed of the data")
    parser.add_argument("--full", action="store_true", help=FULL_HELP)
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=ROUNDS_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from katakit.examiner import compare  # the worker and NumPy: only when comparing
    from katakit.output import plot
    kata = catalog.load(args.kata)
    path, _ = resolve_target(kata, args.file, reference=False)
    if args.plot is not None and not plot.can_plot():
        raise UsageError(f"cannot write {args.plot}: {plot.PLOT_HINT}")
    if args.rounds < 1:
        raise UsageError("--rounds must be at least 1")
    with open_history() as history:
        passed = any(c.verdict == "pass" for c in history.checks(kata.slug))
        if not passed and not args.peek:
            raise UsageError(f"you have not passed {kata.slug} yet and compare shows the "
                             "reference solution; keep trying, or look anyway with --peek "
                             "(recorded in your history)")
        if not passed:
            history.record_peek(kata.slug)
    out = console()
    render_diff(out, kata, path, args.full)
    scenario = compare.scenario_of(kata)
    if scenario is None:
        out.print(f"{kata.slug} defines no numeric comparison.")
        return EXIT_OK
    seed = new_seed() if args.seed is None else args.seed
    mine, reference, spreads = measure_interleaved(scenario, kata, path, seed, args.rounds)
    out.rule(f"the same data for both (seed {seed})")
    out.print(metrics_table(mine, reference, out.width, spreads))
    render_curves(out, mine, reference, args.plot)
    return EXIT_OK


def render_diff(out, kata, path, full: bool = False) -> None:
    from rich.syntax import Syntax
    out.rule("your code vs the reference (- reference, + yours)")
    if not full:
        out.print("(docstrings and comments left out; --full shows them)", style="dim",
                  highlight=False, markup=False)
    diff, quiz_hidden = code_diff(kata, path, full)
    out.print(Syntax(diff or "(identical)\n", "diff"))
    if quiz_hidden:
        out.print(f"(quiz answers not shown; `{command_line('quiz', kata.slug)}` checks yours)",
                  style="dim", highlight=False, markup=False)


def code_diff(kata, path, full: bool = False) -> tuple[str, bool]:
    """Unified diff from the reference to the learner's file, without quiz answers, and
    without docstrings and comments unless ``full``; and whether quiz answers were left out."""
    from katakit.examiner import compare
    if full:
        return compare.code_diff(kata, path)
    sides = []
    hidden = False
    for source in (kata.solution_path.read_text(encoding="utf-8"), source_text(path)):
        lines, dropped = compare.without_quiz_answers(source)
        hidden = hidden or dropped
        sides.append(without_commentary("".join(lines)))
    return "".join(difflib.unified_diff(*sides, "reference", "yours")), hidden


def without_commentary(source: str) -> list[str]:
    """The source's lines without docstrings, comments and the blank lines they leave
    (code itself, blank lines included, is kept as it is). A file that does not parse keeps
    its docstrings; one that does not tokenize is returned whole."""
    lines = io.StringIO(source, newline=None).readlines()
    drop, cut = set(), {}
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        tree = None
    for node in ast.walk(tree) if tree else ():
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
                and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str) \
                and body[0].lineno != getattr(node, "lineno", 0):
            drop.update(range(body[0].lineno - 1, body[0].end_lineno))
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                row, column = token.start
                cut[row - 1] = column
    except (tokenize.TokenError, SyntaxError):
        return lines
    kept = []
    for number, line in enumerate(lines):
        if number in drop:
            continue
        if number in cut:
            code = line[:cut[number]].rstrip()
            if not code:
                continue
            line = code + "\n"
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


@dataclass(frozen=True)
class Spread:
    """How a timed metric's ratio varied over the rounds."""

    low: float
    high: float
    rounds: int


def measure_interleaved(scenario, kata, path, seed: int, rounds: int):
    """Your side and the reference's on the same data; a timed metric (``ratio``) is measured
    ``rounds`` times on each side, alternating which goes first, and each side keeps its
    minimum. Returns (yours, reference, metric name -> Spread of the per-round ratios)."""
    import numpy as np

    from katakit.examiner import compare
    from katakit.author.checks import CheckFailed
    from katakit.candidate.client import Candidate
    from katakit.candidate.errors import CandidateProblem, LoadFailed

    runs = {"yours": [], "reference": []}
    with Candidate(path, kata.forbidden_modules, kata.limits) as mine, \
            Candidate(kata.solution_path, kata.forbidden_modules, kata.limits) as theirs:
        sides = {"yours": mine, "reference": theirs}
        for number in range(rounds):
            order = ("yours", "reference") if number % 2 == 0 else ("reference", "yours")
            for name in order:
                try:
                    metrics, curves = scenario.run(sides[name], np.random.default_rng(seed))
                except (CandidateProblem, CheckFailed, LoadFailed) as problem:
                    side = compare.Side(problem=getattr(problem, "message", str(problem)))
                    return (side, runs["reference"][0] if runs["reference"] else side, {}) \
                        if name == "yours" else (runs["yours"][0], side, {})
                runs[name].append(compare.Side(tuple(metrics), {
                    k: np.asarray(v, dtype=float) for k, v in curves.items()}))
            if not any(m.ratio for m in runs["yours"][0].metrics):
                break  # nothing timed: one round says it all
    return _fastest(runs["yours"]), _fastest(runs["reference"]), _spreads(runs)


def _fastest(runs):
    """The first run's numbers, with each timed metric at its minimum over the runs."""
    from katakit.examiner import compare
    first = runs[0]
    metrics = []
    for index, metric in enumerate(first.metrics):
        values = [run.metrics[index].value for run in runs]
        if metric.ratio and all(_is_number(v) for v in values):
            metric = dataclasses.replace(metric, value=min(values))
        metrics.append(metric)
    return compare.Side(tuple(metrics), first.curves)


def _spreads(runs) -> dict[str, Spread]:
    spreads = {}
    for index, metric in enumerate(runs["yours"][0].metrics):
        pairs = [(a.metrics[index].value, b.metrics[index].value)
                 for a, b in zip(runs["yours"], runs["reference"])]
        if metric.ratio and all(_is_number(a) and _is_number(b) and b for a, b in pairs):
            ratios = [a / b for a, b in pairs]
            spreads[metric.name] = Spread(min(ratios), max(ratios), len(ratios))
    return spreads


def metrics_table(mine, reference, width=80, spreads=None) -> Table | Text:
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
            spread = (spreads or {}).get(metric.name)
            how = f" (per round {spread.low:.2f}-{spread.high:.2f}; minimum of each side over " \
                f"{spread.rounds} interleaved rounds)" if spread and spread.rounds > 1 else ""
            ratios.append(f"{metric.name}: yours / reference = "
                          f"{metric.value / other.value:.2f}{how}")
    table.caption = "\n".join(ratios) or None
    return table


def render_curves(out, mine, reference, png_path) -> None:
    from katakit.output import plot
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
            plot.png_chart(curves, target, title=name)  # matplotlib checked for up front
            out.print(f"wrote {target}")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _format_pair(mine, theirs) -> tuple[str, str]:
    """Both values with 4 significant digits, or more when that is what tells them apart (a
    final loss off in the 6th digit is a real difference that 4 digits would hide)."""
    from katakit.output import plot
    if not (_is_number(mine) and _is_number(theirs)) or isinstance(mine, int):
        return _format(mine), "-" if theirs is None else _format(theirs)
    for digits in range(4, 10):
        pair = plot.number(float(mine), digits), plot.number(float(theirs), digits)
        if pair[0] != pair[1] or float(mine) == float(theirs):
            return pair
    return pair


def _format(value) -> str:
    """Numbers short (4 significant digits), anything else as it is."""
    from katakit.output import plot
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
