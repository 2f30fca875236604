"""Timed mock interviews: the clock, the record, the scorecard, the interview screen — and real
sessions in a pseudo-terminal: solved, timed out, and interrupted then resumed."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from rich.console import Console

from conftest import ROOT
from katakit import catalog
from katakit.commands import mock as mock_command
from katakit.learner import mock
from katakit.learner.history import History, MockState
from katakit.results import Category, CheckResult, Report, Status
from pty_session import Terminal

KATA = "linear_regression"
REFERENCE = ROOT / "solutions" / f"{KATA}.py"
NO_DIVIDE = ROOT / "tests" / "katas" / KATA / "golden" / "fail__no_divide_by_n.py"
EXISTING = ("linear_regression", "mse_gradients", "r2_score", "standardize", "normal_equation",
            "ridge_regression", "minibatch_sgd", "gd_convergence")


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


def full_marks(session):
    for slug, question in session.follow_ups():
        assert session.answer(slug, question, "my answer", len(question.rubric), seconds=10,
                              limit=90) == len(question.rubric)


def test_the_clock_is_injected_and_the_attempt_file_is_fresh(session):
    session, clock = session
    assert session.files()[KATA].read_text() == (ROOT / "problems" / f"{KATA}.py").read_text()
    clock.now += 600
    assert session.remaining() == 20 * 60
    clock.now += 3600
    assert session.remaining() == 0 and session.elapsed() == 30 * 60


def test_a_clean_pass_at_interview_pace_scores_an_a_and_hints_cost_points(session):
    session, clock = session
    clock.now += 10 * 60
    session.record_grade(passing_report())
    session.end_code_phase(mock.EndReason.DONE)
    full_marks(session)
    card = session.finish()
    assert card.grade.startswith("A") and card.overall == 4.0 and not card.flagged
    assert card.time_used_s == 600 and card.hints == 0
    state = session.history.db.execute("SELECT state FROM mocks").fetchone()[0]
    assert MockState(state) is MockState.FINISHED


def test_a_solution_pasted_in_12_seconds_is_flagged_and_not_an_a(session):
    """A full pass within a fifth of the kata's minutes is what pasting looks like."""
    session, clock = session
    clock.now += 12
    session.record_grade(passing_report())
    session.end_code_phase(mock.EndReason.DONE)
    full_marks(session)
    card = session.finish()
    assert "12s into the interview" in card.flagged and "pasted" in card.flagged
    assert card.overall <= mock.FLAGGED_CAP and card.grade.startswith("B")
    assert card.practise_next[0].command == ("mock", KATA)


def test_late_answers_make_no_point_and_weak_spots_are_named(session):
    session, clock = session
    session.take_hint(KATA)
    session.record_grade(passing_report(Status.FAIL))
    clock.now += 31 * 60
    session.end_code_phase(mock.EndReason.TIME)
    slug, question = session.follow_ups()[0]
    assert session.answer(slug, question, "a fine answer", len(question.rubric), seconds=120,
                          limit=90) == 0
    card = session.finish()
    assert card.items["time used"] == 0 and card.items["follow-up questions"] == 0
    assert card.hints == 1 and card.grade.startswith("F")
    assert len(card.practise_next) == 2
    state = session.history.db.execute("SELECT state FROM mocks").fetchone()[0]
    assert state == MockState.TIMED_OUT


def test_follow_ups_come_from_the_katas_own_pool_not_the_quiz(session):
    session, _ = session
    kata = catalog.load(KATA)
    asked = session.follow_ups()
    assert len(asked) == mock.FOLLOW_UPS
    assert {q.id for _, q in asked} <= {f.id for f in kata.follow_ups}
    assert not {q.id for _, q in asked} & {q.id for q in kata.quiz}
    slug, first = asked[0]
    session.answer(slug, first, "x", 1, 5, 90)
    assert session.follow_ups() == asked[1:]  # resuming asks the rest, in the same order


@pytest.mark.parametrize("slug", EXISTING)
def test_each_existing_kata_has_at_least_four_open_follow_ups(slug):
    follow_ups = catalog.load(slug).follow_ups
    assert len(follow_ups) >= 4
    for question in follow_ups:
        assert question.question.endswith("?") and 2 <= len(question.rubric) <= 4


def test_follow_up_seconds_survive_a_resume(tmp_path, monkeypatch):
    monkeypatch.setenv("KATAKIT_WORKSPACE", str(tmp_path / "ws"))
    clock = FakeClock()
    history = History(tmp_path / "h.sqlite3", clock)
    mock.Session.start(history, [KATA], 30, clock, follow_up_seconds=20)
    mock.Session.unfinished(history, clock).interrupt()
    resumed = mock.Session.resume(history, clock)
    assert resumed.follow_up_seconds == 20
    assert mock.Session.resume(history, clock, follow_up_seconds=45).follow_up_seconds == 45


def mock_env(kit_env):
    return kit_env


def attempt_file(kit_env) -> Path:
    (folder,) = Path(kit_env["KATAKIT_WORKSPACE"]).glob("mock-*")
    return folder / f"{KATA}.py"


def answer_follow_ups(terminal, points="2"):
    """Answer whatever the interviewer asks and score each answer; returns how many."""
    asked = 0
    for number in (1, 2, 3):
        terminal.read_until(rf"Question {number} of 3 \(\w+\)")
        mark = terminal.seen.rindex(f"Question {number} of 3")
        terminal.read_until(r"your answer >", since=mark)
        terminal.type("the Hessian, its largest eigenvalue, and so on\n")
        terminal.read_until(r"How many of these \d points", since=mark)
        mark = len(terminal.seen)
        terminal.type("x\n")  # not a number: asked again, never marked
        terminal.read_until(r"'x' is not an answer", since=mark)
        terminal.type(points + "\n")
        asked += 1
    return asked


@pytest.mark.slow
def test_a_real_mock_session_solve_submit_follow_ups_scorecard(kit_env):
    terminal = Terminal(["mock", KATA, "--minutes", "1"], kit_env)
    screen = terminal.read_until(r"left\] Enter/submit")
    assert "## The task" not in screen and "The task" in screen and "Rules" in screen
    assert "Your file: " in screen and "QUIZ_ANSWERS" not in screen
    shutil.copy(REFERENCE, attempt_file(kit_env))
    terminal.type("submit\n")
    screen = terminal.read_until(r"The details come with the scorecard")
    assert "correctness" in screen and "Verdict" not in screen
    terminal.type("done\n")
    assert answer_follow_ups(terminal, "3") == 3
    screen = terminal.read_until(r"Practise next")
    assert "Verdict: PASS" in screen and "Scorecard" in screen
    assert "Flagged" in screen and "pasted" in screen  # a full pass within seconds
    assert terminal.wait() == 0
    db = sqlite3.connect(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3")
    state, card = db.execute("SELECT state, scorecard FROM mocks").fetchone()
    card = json.loads(card)
    assert state == "finished" and card["items"]["correctness"] == 4.0
    assert card["items"]["follow-up questions"] == 4.0 and card["grade"].startswith("B")
    origins = db.execute("SELECT DISTINCT origin FROM checks").fetchall()
    assert origins == [("mock",)]


@pytest.mark.slow
def test_when_time_runs_out_the_file_is_graded_and_the_session_closes(kit_env):
    terminal = Terminal(["mock", KATA, "--minutes", "0.05", "--follow-up-seconds", "1"],
                        kit_env)
    terminal.read_until(r"Time is up", timeout=30)
    screen = terminal.read_until(r"finish the implementation")  # the advice comes last
    assert "NOT DONE" in screen and "Time's up" in screen and "Practise next" in screen
    assert terminal.wait() == 0
    db = sqlite3.connect(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3")
    state, card = db.execute("SELECT state, scorecard FROM mocks").fetchone()
    assert state == "timed_out" and json.loads(card)["grade"].startswith("F")


@pytest.mark.slow
def test_ctrl_c_leaves_with_130_and_resume_continues_the_same_attempt(kit_env, grader):
    terminal = Terminal(["mock", KATA, "--minutes", "5", "--follow-up-seconds", "40"],
                        kit_env)
    terminal.read_until(r"left\] Enter/submit")
    path = attempt_file(kit_env)
    time.sleep(1)  # not pasted within a fifth of the time box: see the flag test
    terminal.type("\x03")  # Ctrl-C
    screen = terminal.read_until(r"mock --resume")
    assert "The clock keeps running" in screen and path.name in screen
    assert terminal.wait() == 130
    resumed = Terminal(["mock", "--resume"], kit_env)
    resumed.read_until(r"Resuming mock interview 1: 0[45]:\d\d left")
    shutil.copy(REFERENCE, path)
    resumed.type("done\n")
    resumed.read_until(r"40 s each")  # the limit it was started with
    answer_follow_ups(resumed)
    resumed.read_until(r"Practise next")
    assert resumed.wait() == 0
    progress = json.loads(grader("progress", "--json").stdout)
    assert [m["state"] for m in progress["mocks"]] == ["finished"]


STUB_STATUSES = {  # what grading the untouched linear_regression stub gives
    "api": ["pass", "pass"], "shapes": ["todo", "todo"], "correctness": ["todo"] * 3,
    "convergence": ["todo"] * 5, "vectorization": ["todo"] * 2,
    "robustness": ["todo", "pass"], "performance": ["todo"]}
DIVERGING_STATUSES = {  # fail__no_divide_by_n: the gradient is n times too large
    "api": ["pass", "pass"], "shapes": ["pass"],
    "correctness": ["pass", "pass", "pass", "fail"], "convergence": ["fail"] * 4 + ["pass"],
    "vectorization": ["skip", "skip"], "robustness": ["pass", "pass"],
    "performance": ["skip"]}


def graded_events(statuses, verdict, elapsed=900.0, points=3, hints=0):
    checks = [{"id": f"{category}{i}", "category": category, "status": status, "message": "",
               "title": ""}
              for category, listed in statuses.items() for i, status in enumerate(listed)]
    report = {"kata": KATA, "target": "x.py", "seed": 1, "duration_s": 1.0, "checks": checks}
    events = [(0, "start", {"katas": [KATA], "minutes": 30})]
    events += [(0, "hint", {"kata": KATA, "index": i}) for i in range(hints)]
    events += [(0, "grade", {"kata": KATA, "verdict": verdict, "elapsed": elapsed,
                             "report": report}),
               (0, "code_phase_end", {"reason": "done", "elapsed": elapsed})]
    events += [(0, "answer", {"points": points, "of": 3}) for _ in range(3)]
    return events


def test_an_untouched_stub_scores_nothing_and_is_told_to_finish():
    card = mock.scorecard(graded_events(STUB_STATUSES, "todo"), 30, [KATA])
    for item in ("correctness", "convergence", "vectorization", "speed vs reference",
                 "time used"):
        assert card.items[item] == 0, item  # the stub passes load and signatures: no credit
    assert card.grade.startswith("F")
    assert card.practise_next[0].text.startswith("finish the implementation")
    assert len(card.practise_next) <= 2


def test_one_wrong_gradient_factor_scores_the_share_and_is_named():
    """The issue's case: predict and loss right, the gradient factor wrong."""
    card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail"), 30, [KATA])
    assert card.items["correctness"] == pytest.approx(4 * 4 / 5)  # api passes do not count
    assert card.items["convergence"] == pytest.approx(4 * 1 / 5, abs=0.005)
    assert "vectorization" not in card.items  # not measured: the failure counts where it is
    assert card.items["follow-up questions"] == 4
    assert card.overall <= mock.WRONG_ALGORITHM_CAP < 2.0 and card.capped
    assert card.grade.startswith("D")
    advice = " ".join(a.text for a in card.practise_next)
    assert "correctness3 fails" in advice and "convergence0" in advice
    assert "not attempted" not in advice and "finish the implementation" not in advice


def test_a_kata_without_convergence_checks_is_not_marked_down_for_it():
    statuses = {"api": ["pass"], "correctness": ["pass", "pass"], "robustness": ["pass"]}
    card = mock.scorecard(graded_events(statuses, "pass", elapsed=300), 15, ["r2_score"])
    assert "convergence" not in card.items and not card.capped
    assert card.grade.startswith("A")


def test_self_assessed_points_are_the_share_of_the_rubric():
    card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail", points=1), 30, [KATA])
    assert card.items["follow-up questions"] == pytest.approx(4 / 3, abs=0.005)


def test_the_scorecard_shows_no_minus_zero_for_no_hints():
    for hints, shown in ((0, None), (2, "-1 overall")):
        card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail", hints=hints), 30,
                              [KATA])
        out = Console(width=80, file=io.StringIO())
        mock_command.render_scorecard(out, card)
        text = out.file.getvalue()
        row = next(line for line in text.splitlines() if "hints used" in line)
        assert "-0" not in row and (shown is None or shown in row), row
        assert ("at most 1.9" in text) == card.capped
        assert "not measured" in text


def test_the_scorecard_is_typed_and_its_json_is_what_progress_reads():
    card = mock.scorecard(graded_events(DIVERGING_STATUSES, "fail"), 30, [KATA])
    assert isinstance(card, mock.Scorecard) and all(isinstance(a, mock.Area)
                                                    for a in card.areas)
    data = json.loads(json.dumps(card.to_json()))
    assert data["grade"] == card.grade and data["areas"]["correctness"]["failing"] == \
        ["correctness3"]


@pytest.mark.parametrize("slug", EXISTING)
def test_the_interview_screen_fits_in_one_screen_and_names_the_attempt_file(slug, tmp_path):
    attempt = tmp_path / "mock-1" / f"{slug}.py"
    statement = mock_command.statement_for(slug, attempt)
    assert f"workspace/{slug}.py" not in statement
    text = mock_command.brief(statement, 36, 100)  # a 40-row terminal, less the prompt
    assert mock_command._height(text, 100) <= 36, text
    assert "The task" in text and "QUIZ_ANSWERS" not in text
    assert "How you are graded" not in text
    for entry in catalog.load(slug).entries:
        assert entry.name in text


@pytest.mark.parametrize("minutes", ["0", "-5", "nan", "soon"])
def test_a_time_box_that_is_not_positive_is_refused(grader, kit_env, minutes):
    result = grader("mock", KATA, "--minutes", minutes, input="")
    assert result.returncode == 2 and "--minutes must be" in result.stderr
    assert not list(Path(kit_env["KATAKIT_WORKSPACE"]).glob("mock-*"))


def test_only_difficulties_that_exist_are_offered(grader):
    existing = {k.difficulty for k in catalog.all_katas()}
    for difficulty in catalog.DIFFICULTIES:
        result = grader("mock", "--new", "--difficulty", difficulty, "--minutes", "5",
                        input="quit\n")
        if difficulty in existing:
            assert result.returncode == 0, result.stderr
        else:
            assert result.returncode == 2 and "no kata has difficulty" in result.stderr


def test_mock_picks_a_kata_of_the_track_asked(grader, kit_env):
    result = grader("mock", "--track", "regression", "--minutes", "5", input="quit\n")
    assert result.returncode == 0, result.stderr
    (folder,) = Path(kit_env["KATAKIT_WORKSPACE"]).glob("mock-*")
    (attempt,) = folder.glob("*.py")
    assert catalog.load(attempt.stem).track == "regression"
    refused = grader("mock", "--track", "astrology", input="")
    assert refused.returncode == 2 and "no track 'astrology'" in refused.stderr


@pytest.mark.slow
def test_submit_shows_only_areas_and_the_full_report_comes_at_the_end(grader, kit_env):
    started = grader("mock", KATA, "--minutes", "5", input="quit\n")
    assert started.returncode == 0
    shutil.copy(NO_DIVIDE, attempt_file(kit_env))
    time.sleep(0.1)
    result = grader("mock", "--resume", input="submit\nstatement\ndone\n" +
                    "an answer\n1\n" * 3, timeout=120)
    coding, _, end = result.stdout.partition("Follow-up questions")
    assert "not yet" in coding and "Fix:" not in coding and "expected" not in coding
    assert "Verdict" not in coding
    assert f"Your file: {attempt_file(kit_env)}" in coding  # the statement names it
    assert "Fix: dw = (2 / n)" in end and "Verdict: FAIL" in end
    assert "gradient_values" in end.split("Practise next")[1]


def test_quit_leaves_with_0_the_clock_runs_on_and_resume_shows_the_file(grader, kit_env):
    left = grader("mock", KATA, "--minutes", "5", input="quit\n")
    assert left.returncode == 0, left.stderr
    flat = " ".join(left.stdout.split())
    path = attempt_file(kit_env)
    assert "The clock keeps running" in flat and f"Your attempt: {path}" in flat
    assert "grader.py mock --resume" in flat and "Paused" not in flat
    resumed = grader("mock", "--resume", input="")  # end of input, like a closed terminal
    assert resumed.returncode == 130
    assert f"Your attempt: {path}" in resumed.stdout and "Resuming mock interview 1" \
        in resumed.stdout


def test_a_new_mock_does_not_bury_one_that_still_has_time(grader, kit_env):
    assert grader("mock", KATA, "--minutes", "5", input="quit\n").returncode == 0
    refused = grader("mock", "r2_score", input="")
    assert refused.returncode == 2
    assert "mock interview 1 (linear_regression) is unfinished and it has 0" in refused.stderr
    assert "grader.py mock --resume" in refused.stderr
    replaced = grader("mock", "r2_score", "--new", input="quit\n")
    assert replaced.returncode == 0
    progress = json.loads(grader("progress", "--json").stdout)
    assert [m["state"] for m in progress["mocks"]] == ["abandoned", "interrupted"]
    resumed = grader("mock", "--resume", input="")
    assert "Resuming mock interview 2" in resumed.stdout and "r2_score.py" in resumed.stdout
