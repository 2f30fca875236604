"""Grade quiz answers against a kata's answer key (shared by the grader, ``quiz`` and ``mock``).

One parser reads every answer, typed or set in a file's ``QUIZ_ANSWERS``: a letter may come
as ``c``, ``C``, ``c)`` or ``(c)``; a number as ``1000000``, ``1e6``, ``1_000_000``,
``1,000,000`` or ``1 000 000``.
"""

from __future__ import annotations

import math
import numbers
import re

from katakit.catalog import Question

ANSWERS_NAME = "QUIZ_ANSWERS"
_SEPARATORS = re.compile(r"[\s,_]")  # digit grouping: spaces (also non-breaking), commas, _


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
