"""Grade quiz answers against a kata's answer key (shared by the grader, ``quiz`` and ``mock``).

One parser reads every answer, typed or set in a file's ``QUIZ_ANSWERS``: a letter may come
as ``c``, ``C``, ``c)`` or ``(c)``; a number as ``1000000``, ``1e6``, ``1_000_000``,
``1,000,000`` or ``1 000 000``.
"""

from __future__ import annotations

import difflib
import math
import numbers
import re

from katakit.catalog import Question

ANSWERS_NAME = "QUIZ_ANSWERS"
_SEPARATORS = re.compile(r"[\s,_]")  # digit grouping: spaces (also non-breaking), commas, _


def closest_id(key, ids) -> str | None:
    """The question id ``key`` was most likely meant to be (``divde_by_n`` -> ``divide_by_n``,
    ``Divide-By-N`` -> ``divide_by_n``), or None when nothing is close."""
    ids = list(ids)
    if not isinstance(key, str):
        return None
    normal = key.strip().lower().replace("-", "_").replace(" ", "_")
    if normal in ids:
        return normal
    close = difflib.get_close_matches(normal, ids, n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_keys(answers, ids) -> dict:
    """The keys of ``answers`` that are not question ids, each with its closest id (or None)."""
    ids = list(ids)
    if not isinstance(answers, dict):
        return {}
    return {key: closest_id(key, ids) for key in answers if key not in ids}


def misspelt_key(question_id: str, answers, ids) -> str | None:
    """The key of ``answers`` that misspells ``question_id``, when the question itself has no
    answer under its own id: what ``check`` refuses ("did you mean ...?")."""
    if not isinstance(answers, dict) or not is_unanswered(answers.get(question_id)):
        return None
    for key, meant in unknown_keys(answers, ids).items():
        if meant == question_id:
            return key
    return None


def misspelt_message(key, question_id: str) -> str:
    return (f"{ANSWERS_NAME} has the key {key!r}, which is not a question of this kata: did you "
            f"mean {question_id!r}? Rename the key (the answer under it is not graded).")


def letters(question: Question) -> list[str]:
    return [chr(ord("a") + i) for i in range(len(question.choices))]


def is_unanswered(answer) -> bool:
    return answer is None or (isinstance(answer, str) and not answer.strip())


def parse(question: Question, answer) -> str | float | None:
    """The answer as a letter or a number, or None when it is neither (or not a choice)."""
    if question.is_numeric:
        if isinstance(answer, bool) or not isinstance(answer, (numbers.Real, str)):
            return None
        try:
            return float(_SEPARATORS.sub("", str(answer)))
        except ValueError:
            return None
    given = str(answer).strip().lower().strip("()").strip()
    return given if given in letters(question) else None


def problem_with(question: Question, answer) -> str | None:
    """None when ``answer`` is right; otherwise why not (the explanation teaches the rest)."""
    value = parse(question, answer)
    if question.is_numeric:
        if value is None:
            shown = repr(answer) if isinstance(answer, str) else type(answer).__name__
            return f"answer with a number, not {shown}"
        if math.isclose(value, question.answer_value, rel_tol=question.tolerance or 1e-9):
            return None
        return f"{value:g} is not right."
    if value is None:
        return f"answer with one of {', '.join(letters(question))}, not {answer!r}"
    return None if value == question.answer else f"{value}) is not right."
