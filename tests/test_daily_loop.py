"""list -> show -> start -> check -> hint -> quiz -> compare -> progress -> watch, as a
learner types them, each against its own empty history and workspace."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from inprocess import kit  # noqa: F401 (a fixture)
from katakit import catalog

KATA = "linear_regression"
REFERENCE = (ROOT / "solutions" / f"{KATA}.py").read_text()
QUIZ = catalog.load(KATA).quiz


def typed(question) -> str:
    """The right answer as a learner types it."""
    return f"{question.answer_value:g}" if question.is_numeric else question.answer


def wrong(question) -> str:
    if question.is_numeric:
        return f"{question.answer_value * 3 + 1:g}"
    return next(letter for letter in "abcd" if letter != question.answer)


RIGHT_ANSWERS = "".join(typed(q) + "\n" for q in QUIZ)


def workspace(kit_env) -> Path:
    return Path(kit_env["KATAKIT_WORKSPACE"]) / f"{KATA}.py"


def history(kit_env) -> sqlite3.Connection:
    return sqlite3.connect(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3")


def test_list_shows_every_kata_not_started_with_its_time_box(grader):
    result = grader("list", "--json")
    rows = {row["kata"]: row for row in json.loads(result.stdout)}
    assert set(rows) == set(catalog.slugs())
    assert rows[KATA]["status"] == "not started"
    assert (rows[KATA]["difficulty"], rows[KATA]["minutes"]) == ("easy", 30)


def test_show_prints_the_plain_statement_when_piped(grader):
    result = grader("show", KATA)
    assert result.returncode == 0
    assert "## The task" in result.stdout and "\x1b[" not in result.stdout
    assert "python grader.py start linear_regression" in result.stdout


def test_show_names_the_learners_real_file_wherever_the_workspace_is(grader, kit_env):
    """The statement's commands are written for a checkout's workspace/; shown to a learner
    whose workspace is elsewhere, they name the file ``check`` really grades."""
    result = grader("show", KATA)
    commands = result.stdout.split("## Commands", 1)[1]
    assert f"workspace/{KATA}.py" not in commands.replace(str(workspace(kit_env)), "")
    assert f"{workspace(kit_env)}" in commands
    assert f"grader.py check {KATA} " in commands and "--file workspace" not in commands


def test_start_copies_the_stub_and_never_overwrites_work(kit, kit_env):
    first = kit("start", KATA)
    path = workspace(kit_env)
    assert first.returncode == 0 and path.read_text() == catalog.load(KATA).stub_path.read_text()
    path.write_text("# my precious work\n")
    again = kit("start", KATA)
    assert "already exists" in again.stdout and path.read_text() == "# my precious work\n"
    fresh = kit("start", KATA, "--fresh")
    assert path.read_text().startswith('"""Linear regression')
    kept = history(kit_env).execute("SELECT replaced_source FROM rounds WHERE reason='fresh'")
    assert kept.fetchone()[0] == "# my precious work\n"
    (copy,) = (path.parent / ".attempts").glob(f"{KATA}-*.py")
    assert copy.read_text() == "# my precious work\n" and str(copy) in fresh.stdout
    path.write_text("# second try\n")
    kit("start", KATA, "--fresh")  # within the same second: a new name, no overwrite
    kept_files = sorted(p.read_text() for p in (path.parent / ".attempts").glob("*.py"))
    assert kept_files == ["# my precious work\n", "# second try\n"]


def test_kata_names_ignore_case_and_dashes_and_typos_get_suggestions(kit, kit_env):
    for name in ("LINEAR_REGRESSION", "Linear-Regression", " linear_regression "):
        assert catalog.load(name).slug == KATA
    started = kit("start", "LINEAR-REGRESSION")
    assert started.returncode == 0 and workspace(kit_env).exists()
    typo = kit("show", "LINEAR_REGRESION")
    assert typo.returncode == 2 and "did you mean linear_regression" in typo.stderr


@pytest.mark.slow
def test_check_grades_the_workspace_file_and_records_it(grader, kit_env):
    grader("start", KATA)
    workspace(kit_env).write_text(REFERENCE)
    result = grader("check", KATA)
    assert result.returncode == 0 and "Verdict: PASS" in result.stdout
    verdict, snapshot, origin = history(kit_env).execute(
        "SELECT verdict, snapshot, origin FROM checks").fetchone()
    assert (verdict, snapshot, origin) == ("pass", REFERENCE, "check")
    listed = {r["kata"]: r for r in json.loads(grader("list", "--json").stdout)}[KATA]
    assert listed["status"] == "passed" and listed["best_time_s"] is not None


@pytest.mark.slow
def test_hints_come_one_at_a_time_and_point_at_the_failing_check(grader, kit_env):
    from katakit.commands.hint import hint_for_failures
    grader("start", KATA)
    wrong_code = REFERENCE.replace("(2 / n) * (X.T @ error)", "2 * (X.T @ error)")
    assert wrong_code != REFERENCE
    workspace(kit_env).write_text(wrong_code)
    assert grader("check", KATA).returncode == 1
    total = len(catalog.load(KATA).hints)
    (failing,) = history(kit_env).execute("SELECT failing FROM checks").fetchone()
    fitting = hint_for_failures(catalog.load(KATA), json.loads(failing))
    first = grader("hint", KATA)
    assert f"Hint 1 of {total}" in first.stdout
    assert "Your last check failed" in first.stdout
    assert f"hint {fitting + 1} is about that" in first.stdout
    assert f"Hint 2 of {total}" in grader("hint", KATA).stdout
    everything = grader("hint", KATA, "--all").stdout
    assert all(f"Hint {i} of {total}" in everything for i in range(1, total + 1))
    count = history(kit_env).execute("SELECT count(DISTINCT hint_index) FROM hints")
    assert count.fetchone()[0] == total


def test_quiz_asks_explains_and_records_the_score(kit, kit_env):
    first = QUIZ[0]
    letters = "a-" + chr(ord("a") + len(first.choices) - 1)
    result = kit("quiz", KATA, input="\nz\n" + RIGHT_ANSWERS)
    assert f"Your answer ({letters}, or q to stop): type a letter ({letters}), or q to stop" \
        in result.stdout
    assert f"'z' is not an answer: type a letter ({letters}), or q to stop" in result.stdout
    assert result.stdout.count("Right — the answer is") == len(QUIZ)
    assert f"Score: {len(QUIZ)} of {len(QUIZ)} right" in result.stdout
    rows = history(kit_env).execute("SELECT count(*), sum(correct) FROM quiz_answers")
    assert rows.fetchone() == (len(QUIZ), len(QUIZ))


@pytest.mark.parametrize("slug", catalog.slugs())
def test_hints_and_explanations_print_verbatim_brackets_included(kit, slug):
    """Manifest text such as `X[idx]` or `[w, b]` must not be eaten as console markup."""
    kata = catalog.load(slug)
    hints = " ".join(kit("hint", slug, "--all").stdout.split())
    for hint in kata.hints:
        assert " ".join(hint.text.split()) in hints
    answers = "".join((f"{q.answer_value!r}" if q.is_numeric else q.answer) + "\n"
                      for q in kata.quiz)
    quiz = " ".join(kit("quiz", slug, input=answers).stdout.split())
    assert quiz.count("Right — the answer is") == len(kata.quiz)
    for question in kata.quiz:
        for text in (question.question, question.explanation, *question.choices):
            assert " ".join(text.split()) in quiz


def test_quiz_stops_cleanly_at_end_of_input(kit, kit_env):
    result = kit("quiz", KATA, input=wrong(QUIZ[0]) + "\n" + wrong(QUIZ[1]) + "\n")
    assert result.returncode == 0
    assert "Not quite" in result.stdout
    assert f"Score: 0 of 2 right (2 of {len(QUIZ)} questions answered)" in result.stdout
    assert history(kit_env).execute("SELECT count(*) FROM quiz_answers").fetchone()[0] == 2


def test_a_quiz_with_nothing_answered_records_nothing(kit, kit_env):
    nothing = kit("quiz", KATA, input="")
    assert nothing.returncode == 0 and "Score" not in nothing.stdout
    assert "No answer given, so nothing was recorded" in nothing.stdout


def test_answers_are_read_leniently_typed_or_in_a_file(kit, kit_env):
    from katakit.catalog import quiz
    choice = next(q for q in QUIZ if not q.is_numeric)
    number = next(q for q in QUIZ if q.is_numeric and q.answer_value == 1000000)
    right = choice.answer
    for typed_form in (right, f" {right.upper()} ", f"{right})", f"({right})",
                       f"({right.upper()}) "):
        assert quiz.problem_with(choice, typed_form) is None, typed_form
    assert quiz.problem_with(choice, wrong(choice) + ")") == f"{wrong(choice)}) is not right."
    assert quiz.problem_with(choice, right * 2).startswith("answer with one of a, b")
    for typed_form in ("1000000", "1 000 000", "1,000,000", "1_000_000", "1e6", 1e6,
                       "1\u202f000\u202f000"):
        assert quiz.problem_with(number, typed_form) is None, typed_form
    assert quiz.problem_with(number, "lots") == "answer with a number, not 'lots'"
    forms = [f"({typed(q).upper()})" if not q.is_numeric else "1 000 000"
             if q.answer_value == 1000000 else typed(q) for q in QUIZ[:4]]
    result = kit("quiz", KATA, input="\n".join(forms) + "\n")
    assert f"Score: 4 of 4 right (4 of {len(QUIZ)} questions answered)" in result.stdout


# the quiz writes QUIZ_ANSWERS -----------------------------------------------------------------

def _outside_the_answers(source: str) -> list[str]:
    """The file's lines outside the QUIZ_ANSWERS assignment."""
    import ast
    tree = ast.parse(source)
    (node,) = [n for n in tree.body if isinstance(n, ast.Assign)
               and getattr(n.targets[0], "id", "") == "QUIZ_ANSWERS"]
    lines = source.splitlines()
    return lines[:node.lineno - 1] + lines[node.end_lineno:]


def test_quiz_writes_the_answers_into_quiz_answers_and_nothing_else(kit, kit_env):
    kit("start", KATA)
    path = workspace(kit_env)
    mine = path.read_text().replace("raise NotImplementedError(\"TODO: predict\")",
                                    "return X @ self.w + self.b  # my predict")
    mine = mine.replace('QUIZ_ANSWERS = {', 'QUIZ_ANSWERS = {  # my notes, kept')
    path.write_text(mine)
    answers = [typed(QUIZ[0]), wrong(QUIZ[1])]
    result = kit("quiz", KATA, input="\n".join(answers) + "\nq\ny\n")
    assert "Only QUIZ_ANSWERS changes" in result.stdout
    assert f'+    "{QUIZ[0].id}": ' in result.stdout  # the diff, before asking
    assert "Written. Your previous file is kept in" in result.stdout
    after = path.read_text()
    assert _outside_the_answers(after) == _outside_the_answers(mine)
    assert "# my notes, kept" in after and "# my predict" in after
    from katakit.learner.quiz_file import LearnerFile
    written = LearnerFile.read(path).answers()
    assert str(written[QUIZ[0].id]).lower() == typed(QUIZ[0]).lower() or \
        written[QUIZ[0].id] == QUIZ[0].answer_value
    assert written[QUIZ[2].id] is None
    (kept,) = (path.parent / ".attempts").glob(f"{KATA}-*.py")
    assert kept.read_text() == mine  # nothing the learner wrote is lost


def test_declining_leaves_the_file_byte_for_byte(kit, kit_env):
    kit("start", KATA)
    path = workspace(kit_env)
    before = path.read_bytes()
    result = kit("quiz", KATA, input=typed(QUIZ[0]) + "\nq\nn\n")
    assert "Nothing written" in result.stdout and path.read_bytes() == before


def test_answers_not_written_are_asked_again_as_check_still_lists_them(kit, kit_env):
    kit("start", KATA)
    declined = kit("quiz", KATA, input=typed(QUIZ[0]) + "\nq\nn\n")
    assert "recorded in your progress" in declined.stdout
    assert "Nothing written" in declined.stdout
    assert "`check` lists these questions as not answered" in " ".join(declined.stdout.split())
    again = kit("quiz", KATA, input="q\n")
    assert f"Question 1 of {len(QUIZ)} ({QUIZ[0].id})" in again.stdout
    assert "answered already" not in again.stdout


def test_the_quiz_reads_answers_as_check_does_arithmetic_included(kit, kit_env):
    """``"id": 20 / 3`` is graded by check, so the quiz counts it too; a value only running
    the file can give (a name, a call) is left to check and said so."""
    kit("start", KATA)
    path = workspace(kit_env)
    number = next(q for q in QUIZ if q.is_numeric and q.answer_value == 1000000)
    other = next(q for q in QUIZ if q is not number)
    source = path.read_text()
    source = source.replace(f'"{number.id}": None', f'"{number.id}": 10 ** 3 * 1000')
    source = source.replace(f'"{other.id}": None', f'"{other.id}": MY_ANSWER')
    path.write_text("MY_ANSWER = " + repr(typed(other)) + "\n" + source)
    result = kit("quiz", KATA, input="q\n")
    text = " ".join(result.stdout.split())
    assert f"2 of {len(QUIZ)} questions answered already" in text
    assert f"{other.id} computed there" in text and "`check` grades it" in text
    assert f"({number.id})" not in text.split("answered already", 1)[1]
    graded = kit("check", KATA, "--json")
    checks = {c["id"]: c["status"] for c in json.loads(graded.stdout)["checks"]}
    assert checks[number.id] == checks[other.id] == "pass"


def test_a_second_quiz_resumes_at_the_first_unanswered_question(kit, kit_env):
    kit("start", KATA)
    kit("quiz", KATA, input=typed(QUIZ[0]) + "\n" + wrong(QUIZ[1]) + "\nq\ny\n")
    again = kit("quiz", KATA, input="q\n")
    assert "starting at question 3" in again.stdout
    assert f"Question 3 of {len(QUIZ)} ({QUIZ[2].id})" in again.stdout
    assert "Question 1 of" not in again.stdout
    rest = "".join(typed(q) + "\n" for q in QUIZ[2:])
    kit("quiz", KATA, input=rest + "y\n")
    wrong_again = kit("quiz", KATA, input="q\n")
    assert "asking again the 1 answered wrong" in wrong_again.stdout
    assert f"({QUIZ[1].id})" in wrong_again.stdout


def test_a_misspelt_key_is_named_and_renamed_when_writing(kit, kit_env):
    kit("start", KATA)
    path = workspace(kit_env)
    first = QUIZ[0].id
    misspelt = first[:-1] + first[-1] * 2
    path.write_text(path.read_text().replace(f'"{first}": None', f'"{misspelt}": None'))
    result = kit("quiz", KATA, input=typed(QUIZ[0]) + "\nq\ny\n")
    assert f"QUIZ_ANSWERS[{misspelt!r}]" in result.stdout
    assert f"did you mean {first!r}" in result.stdout
    text = path.read_text()
    assert misspelt not in text and f'"{first}": ' in text


def test_the_closest_id_helper_names_what_was_meant():
    from katakit.catalog import quiz
    ids = [q.id for q in QUIZ]
    first = ids[0]
    assert quiz.closest_id(first.upper().replace("_", "-"), ids) == first
    assert quiz.closest_id(first[1:], ids) == first
    assert quiz.closest_id("zzzzzz", ids) is None
    answers = {first[1:]: "a"}
    assert quiz.misspelt_key(first, answers, ids) == first[1:]
    assert quiz.misspelt_key(ids[1], answers, ids) is None
    assert first[1:] in quiz.misspelt_message(first[1:], first)


def test_a_file_the_quiz_cannot_edit_gets_the_lines_to_paste(kit, kit_env):
    kit("start", KATA)
    path = workspace(kit_env)
    path.write_text(path.read_text() + "\nQUIZ_ANSWERS['extra'] = None\n")
    before = path.read_bytes()
    result = kit("quiz", KATA, input=typed(QUIZ[0]) + "\nq\ny\n")
    assert "Cannot write them into" in result.stdout and "set in 2 places" in result.stdout
    assert f'QUIZ_ANSWERS["{QUIZ[0].id}"] = ' in result.stdout
    assert path.read_bytes() == before


@pytest.mark.slow
def test_compare_needs_a_pass_or_a_recorded_peek(grader, kit_env, tmp_path):
    grader("start", KATA)
    refused = grader("compare", KATA)
    assert refused.returncode == 2 and "--peek" in refused.stderr
    png = tmp_path / "curves.png"
    peek = grader("compare", KATA, "--peek", "--plot", png, "--seed", "4")
    assert peek.returncode == 0, peek.stderr
    assert "Your code could not be measured" in peek.stdout  # the stub is not written yet
    assert history(kit_env).execute("SELECT count(*) FROM peeks").fetchone()[0] == 1
    workspace(kit_env).write_text(REFERENCE)
    grader("check", KATA)
    shown = grader("compare", KATA, "--plot", png, "--seed", "4")
    assert "(identical)" in shown.stdout and "ms per epoch" in shown.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000


@pytest.mark.slow
def test_progress_reports_passes_and_when_a_kata_is_due(grader, kit_env):
    grader("start", KATA)
    workspace(kit_env).write_text(REFERENCE)
    grader("check", KATA)
    report = json.loads(grader("progress", "--json").stdout)
    mine = {k["slug"]: k for k in report["katas"]}[KATA]
    assert report["streak_days"] == 1
    assert mine["status"] == "passed" and mine["passes"] == 1
    assert mine["due_at"] - time.time() > 0.4 * 86_400  # first interval: a day
    assert KATA not in report["not_passed"]


@pytest.mark.slow
def test_watch_regrades_on_save_and_leaves_cleanly_on_ctrl_c(kit_env):
    path = workspace(kit_env)
    path.parent.mkdir(parents=True)
    path.write_text(REFERENCE.replace("(2 / n)", "(1 / n)"))
    watcher = subprocess.Popen([sys.executable, str(ROOT / "grader.py"), "watch", KATA],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=kit_env, cwd=ROOT)
    try:
        first = _read_until(watcher, "graded")
        assert "Verdict: FAIL" in first and "graded the current file" in first
        assert "after the change" not in first
        path.write_text(REFERENCE)
        second = _read_until(watcher, "graded")
        assert "Verdict: PASS" in second and "s after the change" in second
        watcher.send_signal(signal.SIGINT)
        out, _ = watcher.communicate(timeout=20)
        assert watcher.returncode == 0 and "stopped watching" in out
    finally:
        watcher.kill()
    origins = history(kit_env).execute("SELECT origin FROM checks").fetchall()
    assert origins == [("watch",), ("watch",)]


def _read_until(process, marker, timeout=60) -> str:
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if marker in line:
            return "".join(lines)
    raise AssertionError("".join(lines))


def _practised_history(kit_env) -> None:
    """linear_regression passed 20 min into a round that started 2 h ago, with one hint
    (so it is due again in half a day), and one mock interview that timed out."""
    from katakit.learner.history import History
    from katakit.results import Category, CheckResult, Report, Status
    start = time.time() - 2 * 3600
    clock = iter([start, start + 600, start + 1200, start + 1500, start + 1600, start + 1700,
                  start + 1800])
    history = History(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3", lambda: next(clock))
    history.start_round(KATA, "start")
    for status in (Status.FAIL, Status.PASS):
        check = CheckResult("gradient_values", Category.CORRECTNESS, status)
        history.record_check(Report(KATA, "ws.py", 1, 0.5, (check,)), "check", "")
    history.record_hint(KATA, 0)
    mock_id = history.start_mock([KATA, "ridge_regression"], 30, "/tmp/mock")
    history.set_mock_state(mock_id, "timed_out", {"grade": "F — no hire"})
    history.close()


@pytest.mark.parametrize("columns", [80, 60])
def test_list_and_progress_read_in_full_at_80_and_60_columns(kit, kit_env, columns):
    _practised_history(kit_env)
    shown = kit("progress", columns=columns).stdout
    listed = kit("list", columns=columns).stdout
    for output in (shown, listed):
        table = [line for line in output.splitlines() if not line.startswith("Next")]
        assert "…" not in output and max(map(len, table)) <= columns, output
        assert all(slug in output for slug in catalog.slugs())
        assert "not started" in output
    progress_row = next(line for line in shown.splitlines() if line.startswith(KATA))
    assert "25m00s" in progress_row and "in 10 h" in progress_row  # spent, due
    assert "timed out" in shown and "timed_out" not in shown and "F — no hire" in shown
    list_row = next(line for line in listed.splitlines() if line.startswith(KATA))
    assert " 30 " in list_row and "passed" in list_row
    if columns == 80:
        assert "h/p" in shown and "1/0" in progress_row and "runs" in shown
        from katakit.commands.common import day  # the pass was 1 h 40 min ago: before midnight?
        passed_at = time.time() - 2 * 3600 + 1200
        assert "20m00s" in list_row and day(passed_at, time.time()) in list_row
        assert "medium" in listed
