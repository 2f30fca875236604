"""Hidden checks every kata gets from its manifest alone, run before the kata's own: the file
loads, the API matches, the quiz (answered while the learner's process is surely alive: a hang
in a later check cannot cost the quiz its result)."""

from __future__ import annotations

from katakit.catalog import api_spec
from katakit.author.checks import check, fail, todo
from katakit.candidate.client import MISSING
from katakit.catalog import quiz
from katakit.candidate.errors import LearnerRaised


@check("api")
def test_load(learner_process):
    """Your file loads: it compiles and runs at import time without error."""
    problem = learner_process.load_problem()
    if problem is None:
        return
    if isinstance(problem, LearnerRaised) and problem.type == "SyntaxError":
        fail(f"SyntaxError at line {problem.line}: {problem.text}: {problem.code}")
    raise problem


@check("api")
def test_signatures(kata, loaded_file):
    """Every class, method and function of the spec exists and can be called as the spec does."""
    wanted = {e.name: list(e.methods) for e in kata.entries}
    found = loaded_file.inspect(wanted)
    complaints = []
    for entry in kata.entries:
        complaints += _entry_problems(entry, found.get(entry.name, {}))
    if complaints:
        fail("; ".join(complaints))


def _entry_problems(entry, found) -> list[str]:
    if found.get("kind") == "missing":
        return [f"your file defines no {entry.kind} named {entry.name}"]
    if found.get("kind") != entry.kind:
        return [f"{entry.name} should be a {entry.kind}, yours is a "
                f"{found.get('type', found.get('kind'))}"]
    if entry.kind == "function":
        return _callable_problems(entry.name, entry.signature, found.get("params"))
    complaints = _callable_problems(f"{entry.name}(...)", entry.signature, found.get("init"))
    for method, signature in entry.methods.items():
        if method not in found["methods"]:
            complaints.append(f"{entry.name} has no method {method}")
            continue
        complaints += _callable_problems(f"{entry.name}.{method}", signature,
                                         found["methods"][method])
    return complaints


def _callable_problems(label, signature, params) -> list[str]:
    found = api_spec.problems(signature, params)
    if not found:
        return []
    return [f"{label}{api_spec.render(params)} should be callable as {label.split('(')[0]}"
            f"({signature}): {', '.join(found)}"]


@check("quiz")
def test_quiz(question, loaded_file, kata):
    """Quiz answer in QUIZ_ANSWERS."""
    answers = loaded_file.module_attr(quiz.ANSWERS_NAME)
    misspelt = quiz.misspelt_key(question.id, answers, [q.id for q in kata.quiz])
    if misspelt is not None:
        fail(quiz.misspelt_message(misspelt, question.id))
    if answers is MISSING or quiz.is_unanswered(
            answers.get(question.id) if isinstance(answers, dict) else None):
        if answers is not MISSING and not isinstance(answers, dict):
            fail(f"{quiz.ANSWERS_NAME} should be a dict mapping question ids to answers")
        todo(f"not answered yet: set {quiz.ANSWERS_NAME}['{question.id}'] in your file (the "
             "quiz command asks the questions and can write your answers in)")
    problem = quiz.problem_with(question, answers[question.id])
    if problem:
        fail(f"{problem} {question.explanation}")
