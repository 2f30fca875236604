"""Typed results that cross every seam: a check's outcome and a whole grading report.

The enums are StrEnums: `report.verdict == "pass"`, and they print and serialize as their value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class _ReadableEnum(enum.StrEnum):
    """A StrEnum whose repr is its value's (``'fail'``, not ``<Verdict.FAIL: 'fail'>``), so a
    notebook shows verdicts as the strings they compare equal to."""

    def __repr__(self) -> str:
        return repr(self.value)


class Status(_ReadableEnum):
    """How one check ended."""

    PASS = "pass"
    FAIL = "fail"  # the code ran and gave a wrong answer
    ERROR = "error"  # the code raised, crashed or exited
    TIMEOUT = "timeout"  # the code did not answer before the deadline
    TODO = "todo"  # not attempted yet (the stub's NotImplementedError, an unanswered quiz)
    SKIP = "skip"  # could not run because something it needs failed first


class Category(_ReadableEnum):
    """What a check is about, in the order the report shows them."""

    API = "api"
    SHAPES = "shapes"
    CORRECTNESS = "correctness"
    CONVERGENCE = "convergence"
    VECTORIZATION = "vectorization"
    ROBUSTNESS = "robustness"
    PERFORMANCE = "performance"
    QUIZ = "quiz"


class Verdict(_ReadableEnum):
    """The overall answer for a submission."""

    PASS = "pass"  # every check passed
    FAIL = "fail"  # at least one check failed, errored or timed out
    TODO = "todo"  # nothing is wrong yet, but some checks were not attempted


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one hidden check."""

    id: str
    """Stable name of the check, e.g. ``gradient_values``; unique within a kata."""
    category: Category
    """What the check is about."""
    status: Status
    """How it ended."""
    message: str = ""
    """What the learner should read: empty on a pass, a diagnosis otherwise."""
    title: str = ""
    """One line saying what the check verifies (the check's docstring)."""


@dataclass(frozen=True)
class Report:
    """Everything one grading run established."""

    kata: str
    """Slug of the kata graded."""
    target: str
    """The graded file, as the learner named it (or ``reference``)."""
    seed: int
    """Seed of the random data; ``--seed`` reproduces the run."""
    duration_s: float
    """Wall time of the whole grading run."""
    checks: tuple[CheckResult, ...] = field(default_factory=tuple)
    """Every check, in report order."""
    isolation: str = ""
    """How the learner's code was isolated while graded (``none`` or what was in force)."""

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.checks)

    def to_json_dict(self) -> dict:
        return {
            "kata": self.kata,
            "target": self.target,
            "verdict": self.verdict.value,
            "seed": self.seed,
            "duration_s": round(self.duration_s, 3),
            "isolation": self.isolation,
            "checks": [
                {"id": c.id, "category": c.category.value, "status": c.status.value,
                 "message": c.message}
                for c in self.checks
            ],
        }


FAILING = frozenset({Status.FAIL, Status.ERROR, Status.TIMEOUT})
"""The statuses that make a verdict FAIL (and a check count as failing in every report)."""


def verdict_of(checks) -> Verdict:
    """PASS only when every check passed; FAIL as soon as one is wrong; TODO otherwise."""
    statuses = {c.status for c in checks}
    if not checks:
        return Verdict.FAIL
    if statuses & FAILING:
        return Verdict.FAIL
    if statuses == {Status.PASS}:
        return Verdict.PASS
    if Status.TODO in statuses:
        return Verdict.TODO
    return Verdict.FAIL  # only skips besides passes: something upstream prevented grading


def category_order(category: Category) -> int:
    return list(Category).index(category)


__all__ = ["FAILING", "Status", "Category", "Verdict", "CheckResult", "Report", "verdict_of"]
