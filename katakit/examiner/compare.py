"""Run the learner's code and the reference side by side on the same seeded data.

What to measure is kata-specific, so it lives with the kata: an optional
``tests/katas/<slug>/compare.py`` defines ``run(candidate, rng) -> (metrics, curves)``, where
metrics is a list of :class:`Metric` and curves maps a name to a 1-D array (e.g. the loss
history). This module runs it on both sides and builds the code diff; the command renders.
"""

from __future__ import annotations

import ast
import difflib
import importlib.util
import io
from dataclasses import dataclass, field

import numpy as np

from katakit.catalog import Kata
from katakit.author.checks import CheckFailed
from katakit.author.scenario import Metric
from katakit.candidate.errors import CandidateProblem, LoadFailed
from katakit.catalog.quiz import ANSWERS_NAME
from katakit.candidate.client import Candidate
from katakit.text import source_text


@dataclass(frozen=True)
class Side:
    metrics: tuple[Metric, ...] = ()
    curves: dict = field(default_factory=dict)
    problem: str = ""
    """Why this side could not be measured (the learner's code raised, timed out ...)."""


def scenario_of(kata: Kata):
    """The kata's compare module, or None when the kata defines no numeric comparison."""
    path = kata.folder / "compare.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"compare_{kata.slug}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(scenario, kata: Kata, path, seed: int) -> Side:
    with Candidate(path, kata.forbidden_modules, kata.limits) as candidate:
        try:
            metrics, curves = scenario.run(candidate, np.random.default_rng(seed))
        except (CandidateProblem, CheckFailed, LoadFailed) as problem:
            return Side(problem=getattr(problem, "message", str(problem)))
    return Side(tuple(metrics), {k: np.asarray(v, dtype=float) for k, v in curves.items()})


def code_diff(kata: Kata, path) -> tuple[str, bool]:
    """Unified diff from the reference to the learner's file, and whether quiz answers were
    left out of it: a peek shows how to code the kata, not the quiz's answer key."""
    reference = kata.solution_path.read_text(encoding="utf-8")
    mine = source_text(path)
    before, hidden_before = without_quiz_answers(reference)
    after, hidden_after = without_quiz_answers(mine)
    diff = "".join(difflib.unified_diff(before, after, "reference", "yours"))
    return diff, hidden_before or hidden_after


def without_quiz_answers(source: str) -> tuple[list[str], bool]:
    """The source's lines without its module-level statements that mention QUIZ_ANSWERS
    (the assignment, however many lines, and any later update), and whether there were any.

    The spans come from the ast, so a dict split over lines, comments or strings inside it
    cannot fool a pattern. A file that does not parse is returned whole: only the learner's
    own file can fail to parse, and their own answers are no secret to them."""
    lines = io.StringIO(source, newline=None).readlines()
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return lines, False
    drop = set()
    for statement in tree.body:
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and any(isinstance(node, ast.Name) and node.id == ANSWERS_NAME
                        for node in ast.walk(statement)):
            drop.update(range(statement.lineno - 1, statement.end_lineno))
    return [line for number, line in enumerate(lines) if number not in drop], bool(drop)
