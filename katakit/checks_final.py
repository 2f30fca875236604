"""Hidden checks every kata gets, run after the kata's own: no forbidden library, the quiz."""

from __future__ import annotations

import ast

from katakit import quiz
from katakit.checking import check, fail, todo
from katakit.sandbox import MISSING


@check("robustness")
def test_no_ml_library(kata, learner_process):
    """Only NumPy and the standard library: no ML library does the work."""
    if not kata.forbidden_modules:
        return
    forbidden = set(kata.forbidden_modules)
    for line, name in _imports(learner_process.path):
        if name.split(".")[0] in forbidden:
            fail(f"line {line} imports {name}: this kata is about writing it yourself with "
                 "NumPy; remove the import")
    if learner_process.load_problem() is None:
        loaded = forbidden & set(learner_process.loaded_modules())
        if loaded:
            fail(f"your code loaded {', '.join(sorted(loaded))} at run time; use NumPy only")


def _imports(path):
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


@check("quiz")
def test_quiz(question, candidate, kata):
    """Quiz answer in QUIZ_ANSWERS."""
    answers = candidate.module_attr(quiz.ANSWERS_NAME)
    if answers is MISSING or quiz.is_unanswered(
            answers.get(question.id) if isinstance(answers, dict) else None):
        if answers is not MISSING and not isinstance(answers, dict):
            fail(f"{quiz.ANSWERS_NAME} should be a dict mapping question ids to answers")
        todo(f"not answered yet: set {quiz.ANSWERS_NAME}['{question.id}'] in your file "
             f"(python grader.py quiz {kata.slug} asks the questions)")
    problem = quiz.problem_with(question, answers[question.id])
    if problem:
        fail(f"{problem} {question.explanation}")
