"""How a hidden check is declared and how it ends: ``@check("category")``, ``fail``, ``todo``.

A check is a pytest test tagged ``@check("category")``; its docstring's first line says what it
verifies, and the message it fails with is written for the learner.
"""

from __future__ import annotations

from katakit.results import Category


class CheckFailed(Exception):
    """The learner's code answered, and the answer is wrong (status ``fail``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CheckTodo(Exception):
    """Nothing is wrong, the learner simply has not done this part yet (status ``todo``)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check(category: str):
    """Tag a hidden check with its category (one of :class:`katakit.results.Category`)."""
    import pytest  # here, so that the outcomes above can be caught without loading pytest
    return pytest.mark.check(Category(category).value)


def fail(message: str):
    raise CheckFailed(message)


def todo(message: str):
    raise CheckTodo(message)
