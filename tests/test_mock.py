"""Timed mock interviews: the clock, the record, the scorecard — and real sessions in a
pseudo-terminal: solved, timed out, and interrupted then resumed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import ROOT
from katakit import mock
from katakit.history import History
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
def test_ctrl_c_pauses_and_resume_continues_the_same_attempt(kit_env, grader):
    terminal = Terminal(["mock", KATA, "--minutes", "5"], kit_env)
    terminal.read_until(r"left\] Enter/submit")
    path = attempt_file(kit_env)
    shutil.copy(REFERENCE, path)
    terminal.type("\x03")  # Ctrl-C
    terminal.read_until(r"mock --resume")
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
