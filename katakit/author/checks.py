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


class Unverified(Exception):
    """A measurement (vectorization, speed) that cannot vouch for the learner's code, because
    while measured it returned other values than the reference.

    Settled once every check has run: a skip (``skip_message``) when a check of the
    ``depends_on`` categories failed, since that failure is the root cause and is said there;
    a failure (``message``) otherwise, since the values are then wrong only under measurement
    (at scale, or while counted)."""

    def __init__(self, message: str, skip_message: str,
                 depends_on=(Category.API, Category.SHAPES, Category.CORRECTNESS,
                             Category.CONVERGENCE)):
        super().__init__(message)
        self.message, self.skip_message = message, skip_message
        self.depends_on = frozenset(Category(c) for c in depends_on)


def check(category: str):
    """Tag a hidden check with its category (one of :class:`katakit.results.Category`)."""
    import pytest  # here, so that the outcomes above can be caught without loading pytest
    return pytest.mark.check(Category(category).value)


def fail(message: str):
    raise CheckFailed(message)


def todo(message: str):
    raise CheckTodo(message)
