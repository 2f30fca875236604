"""`compare`: readable log-axis labels, charts and tables that fit the console, and a peek that
never shows the reference's quiz answers."""

from __future__ import annotations

import ast
import io
import math
import re
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from conftest import ROOT
from katakit import catalog
from katakit.output import plot
from katakit.commands.compare import _format_pair, metrics_table, render_curves
from katakit.author.scenario import Metric
from katakit.examiner.compare import Side, code_diff, without_quiz_answers

FRACTIONAL_EXPONENT = re.compile(r"e[+-]?\d+\.\d", re.IGNORECASE)
DECADE = re.compile(r"^(1e[+-]\d+|0\.001|0\.01|0\.1|1|10|100|1000)$")
DIVERGING = np.r_[np.geomspace(8, 1e143, 100), [np.inf] * 3, [np.nan] * 40]
CONVERGED = np.r_[np.geomspace(8, 1e-16, 150), np.full(100, -2.8e-17)]  # rounding below 0


def labels(curve) -> list[tuple[float, str]]:
    return [(h, text) for h, text in plot.Scale([curve]).ticks() if text not in ("<=0", "inf")]


def test_decade_labels_for_a_curve_from_8_to_5e_minus_9_sit_at_their_true_heights():
    scale = plot.Scale([np.geomspace(8.0, 5e-9, 200)])
    ticks = scale.ticks()
    assert len(ticks) >= 3
    for height, text in ticks:
        assert DECADE.match(text), text
        assert math.isclose(scale.heights(float(text)), height, abs_tol=1e-9)
    chart = "\n".join(plot.terminal_chart({"loss": np.geomspace(8.0, 5e-9, 200)}))
    assert not FRACTIONAL_EXPONENT.search(chart)


@pytest.mark.parametrize("low, high", [(0.3, 0.5), (0.31, 0.49), (0.2435, 0.2436), (0.9, 12),
                                       (1e-17, 1e143), (0.15, 9), (2.0, 2.0)])
def test_labels_are_plain_numbers_inside_the_range_for_any_span(low, high):
    curve = np.geomspace(high, low, 50)
    ticks = labels(curve)
    assert 2 <= len(ticks) <= 5 and len({text for _, text in ticks}) == len(ticks)
    scale = plot.Scale([curve])
    slack = (high - low) / 20  # labels at the ends may be rounded by 5% of the span
    for height, text in ticks:
        assert not FRACTIONAL_EXPONENT.search(text)
        value = float(text)
        assert math.isclose(scale.heights(value), height, abs_tol=0.05)
        if low != high:
            assert low - slack <= value <= high + slack, text


@pytest.mark.parametrize("value, text", [(7.94, "7.94"), (5e-9, "5e-9"), (1e143, "1e+143"),
                                         (1000.0, "1000"), (0.001, "0.001"), (2.5e-7, "2.5e-7"),
                                         (0.0, "0"), (math.inf, "inf"), (12345.0, "1.23e+4")])
def test_numbers_read_at_a_glance(value, text):
    assert plot.number(value) == text


def test_zero_inf_and_nan_get_their_own_rows_and_a_note():
    lines = plot.terminal_chart({"yours": DIVERGING, "reference": CONVERGED}, columns=80)
    assert lines[0].split("|")[0].strip() == "inf" and "*" in lines[0]
    assert lines[13].split("|")[0].strip() == "<=0" and lines[13].rstrip().endswith("o")
    assert any("yours: nan from epoch 103" in line for line in lines)
    assert not FRACTIONAL_EXPONENT.search("\n".join(lines))


def test_png_is_written_for_curves_with_zero_inf_and_nan(tmp_path):
    path = tmp_path / "c.png"
    plot.png_chart({"yours": DIVERGING, "reference": CONVERGED}, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 2000


def rendered(width, renderable=None, curves=None) -> list[str]:
    out = Console(file=io.StringIO(), width=width, color_system=None)
    if curves is not None:
        render_curves(out, Side(curves=curves), Side(curves=curves), None)
    else:
        out.print(renderable)
    return out.file.getvalue().splitlines()


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_chart_fits_the_console_and_uses_its_width(width):
    lines = rendered(width, curves={"loss": DIVERGING})
    assert all(len(line) <= width for line in lines)
    axis = next(line for line in lines if "+---" in line)
    assert len(axis) >= min(width, 100) - 2  # drawn across the console, up to 100 columns
    assert any("* yours" in line for line in lines)


def test_metrics_table_reads_well_at_80_columns():
    vector = "[ 3.0464e+13, -8.7126e+12, -3.5487e+13,  4.8668e+12, -4.1291e+13]"
    mine = [Metric("final loss", 4.0504e27), Metric("w", vector),
            Metric("gap to the optimum |[w,b] - opt|", 6.68e13),
            Metric("ms per epoch (20000 x 20)", 0.3414, ratio=True)]
    theirs = [Metric("final loss", 0.243514),
              Metric("w", "[-0.6494, -1.4892,  1.7186, -0.79  , -0.2205]"),
              Metric("gap to the optimum |[w,b] - opt|", 2.29e-12),
              Metric("ms per epoch (20000 x 20)", 0.2459, ratio=True)]
    lines = rendered(80, metrics_table(Side(tuple(mine)), Side(tuple(theirs)), 80))
    text = "\n".join(lines)
    assert all(len(line) <= 80 for line in lines)
    for item in ("3.0464e+13,", "-8.7126e+12,", "-4.1291e+13]", "[-0.6494,", "-0.79,",
                 "-0.2205]"):
        assert item in text, item  # a vector breaks between items, never inside one
    assert "yours / reference = 1.39" in text
    assert "yours / reference" not in lines[1]  # no mostly empty ratio column


def test_values_that_differ_are_shown_with_enough_digits_to_differ():
    assert _format_pair(0.2435141, 0.2435149) == ("0.243514", "0.243515")
    assert _format_pair(0.243514, 0.243514) == ("0.2435", "0.2435")
    assert _format_pair(70, 70) == ("70", "70")


def reference_answers(kata) -> dict:
    tree = ast.parse(kata.solution_path.read_text(encoding="utf-8"))
    return next(ast.literal_eval(node.value) for node in tree.body
                if isinstance(node, ast.Assign) and node.targets[0].id == "QUIZ_ANSWERS")


@pytest.mark.parametrize("slug", catalog.slugs())
def test_a_peek_at_the_stub_never_shows_the_quiz_answer_key(slug):
    kata = catalog.load(slug)
    diff, hidden = code_diff(kata, kata.stub_path)
    assert hidden and diff and "QUIZ_ANSWERS" not in diff
    for key in reference_answers(kata):
        assert f'"{key}"' not in diff


def test_answers_are_left_out_even_when_the_learners_file_does_not_parse(tmp_path):
    kata = catalog.load("linear_regression")
    mine = tmp_path / "mine.py"
    mine.write_text("def fit(:\n")
    diff, hidden = code_diff(kata, mine)
    assert hidden and "QUIZ_ANSWERS" not in diff and "divide_by_n" not in diff


def test_a_copy_of_the_reference_with_other_answers_diffs_as_identical(tmp_path):
    kata = catalog.load("linear_regression")
    mine = tmp_path / "mine.py"
    mine.write_text(kata.solution_path.read_text().replace('"divide_by_n": "b"',
                                                           '"divide_by_n": "a"'))
    assert code_diff(kata, mine) == ("", True)


def test_every_statement_setting_quiz_answers_is_cut_by_its_ast_span():
    source = ('import numpy as np\n'
              'QUIZ_ANSWERS: dict = {\n    "a": "b",  # }\n    "c": """\n}"""}\n'
              'QUIZ_ANSWERS["d"] = (\n    "e")\n'
              'def f():\n    return QUIZ_ANSWERS\n')
    lines, hidden = without_quiz_answers(source)
    assert hidden
    assert lines == ['import numpy as np\n', 'def f():\n', '    return QUIZ_ANSWERS\n']
    assert without_quiz_answers("x = 1\n") == (["x = 1\n"], False)


@pytest.mark.slow
def test_compare_of_a_reference_copy_at_60_columns(grader, kit_env):
    grader("start", "linear_regression")
    reference = (ROOT / "solutions" / "linear_regression.py").read_text()
    Path(kit_env["KATAKIT_WORKSPACE"], "linear_regression.py").write_text(reference)
    result = grader("compare", "linear_regression", "--peek", "--seed", "4",
                    env={**kit_env, "COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "(identical)" in result.stdout and "quiz answers not shown" in result.stdout
    assert all(len(line) <= 60 for line in lines), max(lines, key=len)
    assert "<=0 |" in result.stdout and not FRACTIONAL_EXPONENT.search(result.stdout)
