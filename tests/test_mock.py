"""Timed mock interviews: the clock, the record, the scorecard — and real sessions in a
pseudo-terminal: solved, timed out, and interrupted then resumed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT
from katakit.learner import mock
from katakit.learner.history import History
from katakit.results import Category, CheckResult, Report, Status
from pty_session import Terminal

KATA = "linear_regression"
REFERENCE = ROOT / "solutions" / f"{KATA}.py"


class FakeClock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


def passing_report(verdict=Status.PASS):
    checks = tuple(CheckResult(f"c{i}", category, verdict) for i, category in
                   enumerate(Category) if category is not Category.QUIZ)
    return Report(KATA, "x.py", 1, 0.5, checks)


@pytest.fixture
def session(tmp_path, monkeypatch):
    monkeypatch.setenv("KATAKIT_WORKSPACE", str(tmp_path / "ws"))
    clock = FakeClock()
    history = History(tmp_path / "h.sqlite3", clock)
    return mock.Session.start(history, [KATA], 30, clock), clock


def test_the_clock_is_injected_and_the_attempt_file_is_fresh(session):
    session, clock = session
    assert session.files()[KATA].read_text() == (ROOT / "problems" / f"{KATA}.py").read_text()
    clock.now += 600
    assert session.remaining() == 20 * 60
    clock.now += 3600
    assert session.remaining() == 0 and session.elapsed() == 30 * 60


def test_a_fast_clean_pass_scores_an_a_and_hints_cost_points(session):
    session, clock = session
    clock.now += 5 * 60
    session.record_grade(passing_report())
    session.end_code_phase("done")
    for slug, question in session.follow_ups():
        answer = question.answer_value if question.is_numeric else question.answer
        assert session.answer(slug, question, answer, seconds=10, limit=90)
    card = session.finish()
    assert card["grade"].startswith("A") and card["overall"] == 4.0
    assert card["time_used_s"] == 300 and card["hints"] == 0


def test_late_answers_count_as_wrong_and_weak_spots_are_named(session):
    session, clock = session
    session.take_hint(KATA)
    session.record_grade(passing_report(Status.FAIL))
    clock.now += 31 * 60
    session.end_code_phase("time")
    slug, question = session.follow_ups()[0]
    right = question.answer_value if question.is_numeric else question.answer
    assert not session.answer(slug, question, right, seconds=120, limit=90)
    card = session.finish()
    assert card["items"]["time used"] == 0 and card["hints"] == 1
    assert card["grade"].startswith("F")
    assert len(card["practise_next"]) == 2
    state = session.history.db.execute("SELECT state FROM mocks").fetchone()[0]
    assert state == "timed_out"


def mock_env(kit_env):
    return kit_env


def attempt_file(kit_env) -> Path:
    (folder,) = Path(kit_env["KATAKIT_WORKSPACE"]).glob("mock-*")
    return folder / f"{KATA}.py"


def answer_follow_ups(terminal, answers=("1000000", "b", "d")):
    """Answer whatever the interviewer asks; returns how many were asked."""
    from katakit import catalog
    key = {q.id: (f"{q.answer_value:g}" if q.is_numeric else q.answer)
           for q in catalog.load(KATA).quiz}
    asked = 0
    for number in (1, 2, 3):
        screen = terminal.read_until(rf"Question {number} of 3 \((\w+)\)")
        question_id = screen.rsplit(f"Question {number} of 3 (", 1)[1].split(")")[0]
        terminal.read_until(r"your answer >")
        terminal.type(key[question_id] + "\n")
        asked += 1
    return asked


@pytest.mark.slow
def test_a_real_mock_session_solve_submit_follow_ups_scorecard(kit_env):
    terminal = Terminal(["mock", KATA, "--minutes", "1"], kit_env)
    terminal.read_until(r"left\] Enter/submit")
    shutil.copy(REFERENCE, attempt_file(kit_env))
    terminal.type("submit\n")
    terminal.read_until(r"Verdict: PASS")
    terminal.type("done\n")
    assert answer_follow_ups(terminal) == 3
    screen = terminal.read_until(r"Practise next")
    assert "Scorecard" in screen and "A — strong hire" in screen
    assert terminal.wait() == 0
    db = sqlite3.connect(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3")
    state, card = db.execute("SELECT state, scorecard FROM mocks").fetchone()
    assert state == "finished" and json.loads(card)["items"]["correctness"] == 4.0
    origins = db.execute("SELECT DISTINCT origin FROM checks").fetchall()
    assert origins == [("mock",)]


@pytest.mark.slow
def test_when_time_runs_out_the_file_is_graded_and_the_session_closes(kit_env):
    terminal = Terminal(["mock", KATA, "--minutes", "0.05", "--follow-up-seconds", "1"],
                        kit_env)
    terminal.read_until(r"Time is up", timeout=30)
    screen = terminal.read_until(r"Practise next")
    assert "NOT DONE" in screen and "Time's up" in screen
    assert terminal.wait() == 0
    db = sqlite3.connect(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3")
    state, card = db.execute("SELECT state, scorecard FROM mocks").fetchone()
    assert state == "timed_out" and json.loads(card)["grade"].startswith("F")


@pytest.mark.slow
def test_ctrl_c_leaves_with_130_and_resume_continues_the_same_attempt(kit_env, grader):
    terminal = Terminal(["mock", KATA, "--minutes", "5"], kit_env)
    terminal.read_until(r"left\] Enter/submit")
    path = attempt_file(kit_env)
    shutil.copy(REFERENCE, path)
    terminal.type("\x03")  # Ctrl-C
    screen = terminal.read_until(r"mock --resume")
    assert "The clock keeps running" in screen and str(path) in screen
    assert terminal.wait() == 130
    assert path.read_text() == REFERENCE.read_text()
    resumed = Terminal(["mock", "--resume"], kit_env)
    resumed.read_until(r"Resuming mock interview 1: 0[45]:\d\d left")
    resumed.type("done\n")
    resumed.read_until(r"Verdict: PASS")
    answer_follow_ups(resumed)
    resumed.read_until(r"Practise next")
    assert resumed.wait() == 0
    progress = json.loads(grader("progress", "--json").stdout)
    assert [m["state"] for m in progress["mocks"]] == ["finished"]
    assert progress["mocks"][0]["grade"].startswith("A")


STUB_STATUSES = {  # what grading the untouched linear_regression stub gives
    "api": ["pass", "pass"], "shapes": ["todo", "todo"], "correctness": ["todo"] * 3,
    "convergence": ["todo"] * 5, "vectorization": ["todo"] * 2,
    "robustness": ["todo", "pass"], "performance": ["todo"]}
DIVERGING_STATUSES = {  # fail__no_divide_by_n: the gradient is n times too large
    "api": ["pass", "pass"], "shapes": ["pass", "pass"],
    "correctness": ["pass", "pass", "fail"], "convergence": ["fail"] * 4 + ["pass"],
    "vectorization": ["pass", "pass"], "robustness": ["pass", "pass"],
    "performance": ["pass"]}


def graded_events(statuses, verdict, elapsed=300.0, right_answers=3, hints=0):
    checks = [{"id": f"{category}{i}", "category": category, "status": status, "message": ""}
              for category, listed in statuses.items() for i, status in enumerate(listed)]
    events = [(0, "hint", {"kata": KATA, "index": i}) for i in range(hints)]
    events += [(0, "grade", {"kata": KATA, "verdict": verdict, "checks": checks}),
               (0, "code_phase_end", {"reason": "done", "elapsed": elapsed})]
    events += [(0, "answer", {"correct": i < right_answers}) for i in range(3)]
    return events


def test_an_untouched_stub_scores_nothing_and_is_told_to_finish():
    card = mock.scorecard(graded_events(STUB_STATUSES, "todo"), 30, [KATA])
    for item in ("correctness", "convergence", "vectorization", "robustness",
                 "speed vs reference", "time used"):
        assert card["items"][item] == 0, item
    assert card["grade"].startswith("F")
    assert card["practise_next"][0].startswith("finish the implementation")
    assert not any("replace loops" in advice for advice in card["practise_next"])
    assert len(card["practise_next"]) <= 2


def test_a_diverging_gradient_is_never_a_hire_grade():
    card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail"), 30, [KATA])
    assert card["items"]["vectorization"] == 4 and card["items"]["follow-up questions"] == 4
    assert card["overall"] <= mock.WRONG_ALGORITHM_CAP < 2.0 and card["capped"]
    assert card["grade"].startswith("D")
    assert [a.split(":")[0] for a in card["practise_next"]] == ["convergence", "correctness"]


def test_a_kata_without_convergence_checks_is_not_marked_down_for_it():
    statuses = {"api": ["pass"], "correctness": ["pass", "pass"], "robustness": ["pass"]}
    card = mock.scorecard(graded_events(statuses, "pass", elapsed=120), 15, ["r2_score"])
    assert "convergence" not in card["items"] and not card["capped"]
    assert card["grade"].startswith("A")


def test_the_scorecard_shows_no_minus_zero_for_no_hints():
    import io

    from rich.console import Console

    from katakit.commands.mock import render_scorecard
    for hints, shown in ((0, None), (2, "-1 overall")):
        card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail", hints=hints), 30)
        out = Console(width=80, file=io.StringIO())
        render_scorecard(out, card)
        text = out.file.getvalue()
        row = next(line for line in text.splitlines() if "hints used" in line)
        assert "-0" not in row and (shown is None or shown in row), row
        assert ("at most 1.9" in text) == card["capped"]


@pytest.mark.parametrize("minutes", ["0", "-5", "nan", "soon"])
def test_a_time_box_that_is_not_positive_is_refused(grader, kit_env, minutes):
    result = grader("mock", KATA, "--minutes", minutes, input="")
    assert result.returncode == 2 and "--minutes must be" in result.stderr
    assert not list(Path(kit_env["KATAKIT_WORKSPACE"]).glob("mock-*"))


def test_quit_leaves_with_0_the_clock_runs_on_and_resume_shows_the_file(grader, kit_env):
    left = grader("mock", KATA, "--minutes", "5", input="quit\n")
    assert left.returncode == 0, left.stderr
    flat = " ".join(left.stdout.split())
    path = attempt_file(kit_env)
    assert "The clock keeps running" in flat and f"Your attempt: {path}" in flat
    assert "python grader.py mock --resume" in flat and "Paused" not in flat
    resumed = grader("mock", "--resume", input="")  # end of input, like a closed terminal
    assert resumed.returncode == 130
    assert f"Your attempt: {path}" in resumed.stdout and "Resuming mock interview 1" \
        in resumed.stdout


def test_a_new_mock_does_not_bury_one_that_still_has_time(grader, kit_env):
    assert grader("mock", KATA, "--minutes", "5", input="quit\n").returncode == 0
    refused = grader("mock", "r2_score", input="")
    assert refused.returncode == 2
    assert "mock interview 1 (linear_regression) is unfinished and it has 0" in refused.stderr
    assert "resume it with python grader.py mock --resume" in refused.stderr
    replaced = grader("mock", "r2_score", "--new", input="quit\n")
    assert replaced.returncode == 0
    progress = json.loads(grader("progress", "--json").stdout)
    assert [m["state"] for m in progress["mocks"]] == ["abandoned", "interrupted"]
    resumed = grader("mock", "--resume", input="")
    assert "Resuming mock interview 2" in resumed.stdout and "r2_score.py" in resumed.stdout
