"""Reports a person can read: titles and messages never cut, failures first in watch, a
(n, 1)-shaped y said once, the quiz's questions in full; and the compare view's diff and
timing."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from conftest import ROOT
from katakit import catalog
from katakit.output import plot, report
from katakit.results import Category, CheckResult, Report, Status

LONG_TITLE = ("The whole loss history, before convergence, follows batch gradient descent "
              "step by step on fresh random data, with the loss recorded before each update.")
BROADCAST = [  # what a y reshaped to (n, 1) inside fit gave linear_regression
    ("first_step", Category.CONVERGENCE, "`fit(<(30, 3) array>, <(30,) array>)` raised "
     "ValueError: operands could not be broadcast together with shapes (3,) (3,30)  at line "
     "31 in fit: self.w = self.w - lr * dw"),
    ("trajectory", Category.CONVERGENCE, "`fit(<(80, 4) array>, <(80,) array>)` raised "
     "ValueError: operands could not be broadcast together with shapes (4,) (4,80)  at line "
     "31 in fit: self.w = self.w - lr * dw"),
    ("speed_at_scale", Category.PERFORMANCE, "`fit(X, y)` raised MemoryError: Unable to "
     "allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64 at "
     "line 15 in compute_loss: return float(np.mean((y_hat - y) ** 2))"),
]


def rendered(result: Report, width: int, **options) -> str:
    out = Console(file=io.StringIO(), width=width, color_system=None)
    report.render(result, out, **options)
    return out.file.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def sample_report() -> Report:
    checks = [CheckResult(f"check_number_{i}", category, Status.PASS, "", LONG_TITLE)
              for i, category in enumerate((Category.API, Category.SHAPES,
                                            Category.CORRECTNESS))]
    checks.append(CheckResult("continues_from_current_parameters", Category.CONVERGENCE,
                              Status.FAIL, "the second call started over from zero: " * 4,
                              LONG_TITLE))
    quiz = catalog.load("linear_regression").quiz
    checks += [CheckResult(q.id, Category.QUIZ, Status.TODO,
                           f"not answered yet: set QUIZ_ANSWERS['{q.id}'] in your file",
                           q.with_choices) for q in quiz]
    return Report("linear_regression", "workspace/linear_regression.py", 42, 1.0,
                  tuple(checks))


@pytest.mark.parametrize("width", [60, 80, 120])
def test_no_title_message_or_question_is_ever_cut(width):
    result = sample_report()
    text = rendered(result, width, quiz_command="kata quiz linear_regression",
                    layout=report.Layout.FULL)
    assert "…" not in text and max(map(len, text.splitlines())) <= width
    for check in result.checks:
        assert flat(check.title) in flat(text), check.id
    assert flat(result.checks[3].message) in flat(text)
    assert "7 not answered yet: kata quiz linear_regression asks them" in flat(text)
    choice = next(q for q in catalog.load("linear_regression").quiz if q.choices)
    starts = [line.strip() for line in text.splitlines()]
    for letter, option in zip("abcd", choice.choices):  # each choice starts its own line
        assert any(start.startswith(f"{letter}) {option.split()[0]}") for start in starts)


def test_by_default_passes_are_named_and_the_rest_shown_in_full():
    result = sample_report()
    text = rendered(result, 80, quiz_command="kata quiz linear_regression")
    assert "…" not in text and max(map(len, text.splitlines())) <= 80
    assert "pass    check_number_2" in text
    assert flat(text).count(flat(LONG_TITLE)) == 1  # only the failing check's title
    for check in result.checks[3:]:  # what needs work: title and message in full
        assert flat(check.title) in flat(text), check.id


def test_watch_shows_what_needs_work_first_and_counts_the_passes():
    text = rendered(sample_report(), 80, layout=report.Layout.FAILURES_FIRST)
    assert "check_number_0" not in text
    assert "3 checks pass (api 1, shapes 1, correctness 1)" in flat(text)
    assert text.index("continues_from_current_parameters") < text.index("3 checks pass")


def test_a_column_vector_y_is_said_once():
    checks = tuple(CheckResult(i, c, Status.ERROR, m, "t") for i, c, m in BROADCAST)
    text = rendered(Report("linear_regression", "f.py", 3, 1.0, checks), 80)
    assert flat(text).count("this looks like y of shape (n, 1)") == 1
    assert report.broadcast_note(checks) == report.BROADCAST_NOTE


@pytest.mark.parametrize("message", [
    "`predict(<(7, 3) array>)` raised ValueError: operands could not be broadcast together "
    "with shapes (5,3) (7,3)",  # a real shape bug, not a column vector
    "your w has shape (3, 1): keep vectors 1-D, an (n, 1) array minus an (n,) array ...",
])
def test_no_column_vector_note_without_the_evidence(message):
    checks = tuple(CheckResult(f"c{i}", Category.CORRECTNESS, Status.FAIL, message, "t")
                   for i in range(3))
    assert report.broadcast_note(checks) == ""


@pytest.mark.parametrize("layout", list(report.Layout))
def test_one_mistake_met_at_other_sizes_is_said_once_and_the_json_keeps_every_message(layout):
    from katakit.output import formats
    checks = tuple(CheckResult(i, c, Status.ERROR, m, "t") for i, c, m in BROADCAST[:2]) + (
        CheckResult("other", Category.ROBUSTNESS, Status.FAIL, "X was modified in place: "
                    "work on a copy, X = X - X.mean(axis=0), never X -= ... in your function", "t"),)
    text = flat(rendered(Report("linear_regression", "f.py", 3, 1.0, checks), 100,
                         layout=layout))
    assert text.count("could not be broadcast") == 1
    assert "the same mistake as in first_step above." in text
    assert "X was modified in place" in text  # another mistake keeps its message
    assert "(4,) (4,80)" in formats.to_json(Report("k", "f.py", 3, 1.0, checks))


# compare --------------------------------------------------------------------------------------

def test_the_diff_leaves_out_docstrings_and_comments_unless_asked():
    from katakit.commands.compare import code_diff
    kata = catalog.load("linear_regression")
    short, hidden = code_diff(kata, kata.stub_path)
    full, _ = code_diff(kata, kata.stub_path, full=True)
    assert hidden and '"""' not in short and "# TODO" not in short
    assert "+    def fit" not in short  # unchanged code is not a difference
    assert '"""' in full and "QUIZ_ANSWERS" not in full


def test_comments_and_docstrings_go_but_code_stays():
    from katakit.commands.compare import without_commentary
    source = ('"""Module."""\nimport numpy as np  # numbers\n\n\ndef f(x):\n    """Doc\n    '
              'more."""\n    # a comment\n    return x + 1  # one\n')
    assert without_commentary(source) == ["import numpy as np\n", "\n", "\n", "def f(x):\n",
                                          "    return x + 1\n"]


@pytest.mark.slow
def test_compare_times_interleaved_rounds_and_shows_the_spread(grader, kit_env, tmp_path):
    from pathlib import Path
    grader("start", "linear_regression")
    reference = (ROOT / "solutions" / "linear_regression.py").read_text()
    Path(kit_env["KATAKIT_WORKSPACE"], "linear_regression.py").write_text(reference)
    result = grader("compare", "linear_regression", "--peek", "--seed", "4", "--rounds", "4",
                    env={**kit_env, "COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    match = re.search(r"yours / reference = ([\d.]+) \(per round ([\d.]+)-([\d.]+); minimum of "
                      r"each side over 4 interleaved rounds\)", flat(result.stdout))
    assert match, result.stdout
    ratio, low, high = map(float, match.groups())
    assert low <= high and 0.2 < ratio < 5  # the same code: about 1, whatever the load


def test_without_matplotlib_a_png_is_refused_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(plot, "can_plot", lambda: False)
    with pytest.raises(plot.PlotUnavailable, match=r"pip install -e '\.\[plot\]'"):
        plot.png_chart({"yours": [3.0, 2.0, 1.0]}, tmp_path / "c.png")
    from katakit.commands import compare
    from katakit.commands.common import UsageError
    parser = compare_parser()
    args = parser.parse_args(["compare", "linear_regression", "--file",
                              str(ROOT / "solutions" / "linear_regression.py"), "--plot",
                              str(tmp_path / "c.png")])
    with pytest.raises(UsageError, match="PNG charts need matplotlib"):
        compare.run(args)


def compare_parser():
    import argparse

    from katakit.commands import compare
    parser = argparse.ArgumentParser()
    compare.register(parser.add_subparsers())
    return parser
