"""Hidden checks every kata gets, run after the kata's own: no forbidden library, the quiz."""

from __future__ import annotations

import ast

import pytest

from katakit.catalog import quiz
from katakit.author.checks import check, fail, todo
from katakit.examiner.plugin import SKIPPED_NOT_LOADED
from katakit.text import read_source
from katakit.candidate.client import MISSING


@check("robustness")
def test_no_ml_library(kata, learner_process):
    """Only NumPy and the standard library: no ML library does the work."""
    if not kata.forbidden_modules:
        return
    forbidden = set(kata.forbidden_modules)
    imports = _imports(learner_process.path)
    if imports is None:
        pytest.skip(SKIPPED_NOT_LOADED)
    for line, name in imports:
        if name.split(".")[0] in forbidden:
            fail(f"line {line} imports {name}: this kata is about writing it yourself with "
                 "NumPy; remove the import")
    if learner_process.load_problem() is None:
        loaded = forbidden & set(learner_process.loaded_modules())
        if loaded:
            fail(f"your code loaded {', '.join(sorted(loaded))} at run time; use NumPy only")


def _imports(path) -> list[tuple[int, str]] | None:
    """(line, module) of every absolute import; None when the file does not compile."""
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError):
        return None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


@check("quiz")
def test_quiz(question, loaded_file, kata):
    """Quiz answer in QUIZ_ANSWERS."""
    answers = loaded_file.module_attr(quiz.ANSWERS_NAME)
    if answers is MISSING or quiz.is_unanswered(
            answers.get(question.id) if isinstance(answers, dict) else None):
        if answers is not MISSING and not isinstance(answers, dict):
            fail(f"{quiz.ANSWERS_NAME} should be a dict mapping question ids to answers")
        todo(f"not answered yet: set {quiz.ANSWERS_NAME}['{question.id}'] in your file "
             f"(python grader.py quiz {kata.slug} asks the questions)")
    problem = quiz.problem_with(question, answers[question.id])
    if problem:
        fail(f"{problem} {question.explanation}")
