"""Grade quiz answers against a kata's answer key (shared by the grader and ``quiz``)."""

from __future__ import annotations

import math
import numbers

from katakit.catalog import Question

ANSWERS_NAME = "QUIZ_ANSWERS"


def letters(question: Question) -> list[str]:
    return [chr(ord("a") + i) for i in range(len(question.choices))]


def is_unanswered(answer) -> bool:
    return answer is None or (isinstance(answer, str) and not answer.strip())


def problem_with(question: Question, answer) -> str | None:
    """None when ``answer`` is right; otherwise why not (the explanation teaches the rest)."""
    if question.is_numeric:
        if isinstance(answer, bool) or not isinstance(answer, (numbers.Real, str)):
            return f"answer with a number, not {type(answer).__name__}"
        try:
            value = float(str(answer).replace("_", "").replace(",", ""))
        except ValueError:
            return f"answer with a number, not {answer!r}"
        if math.isclose(value, question.answer_value, rel_tol=question.tolerance or 1e-9):
            return None
        return f"{value:g} is not right."
    given = str(answer).strip().lower().rstrip(")")
    if given not in letters(question):
        return f"answer with one of {', '.join(letters(question))}, not {answer!r}"
    if given == question.answer:
        return None
    return f"{given}) is not right."
