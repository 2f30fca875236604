"""Run the learner's code and the reference side by side on the same seeded data.

What to measure is kata-specific, so it lives with the kata: an optional
``tests/katas/<slug>/compare.py`` defines ``run(candidate, rng) -> (metrics, curves)``, where
metrics is a list of :class:`Metric` and curves maps a name to a 1-D array (e.g. the loss
history). This module runs it on both sides and builds the code diff; the command renders.
"""

from __future__ import annotations

import difflib
import importlib.util
from dataclasses import dataclass, field

import numpy as np

from katakit.catalog import Kata
from katakit.errors import CandidateProblem, CheckFailed, LoadFailed
from katakit.sandbox import Candidate


@dataclass(frozen=True)
class Metric:
    name: str
    value: object
    """A number, or a short text such as a formatted vector."""
    ratio: bool = False
    """Show yours / reference (e.g. time per epoch)."""


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


def code_diff(kata: Kata, path) -> str:
    """Unified diff from the reference to the learner's file."""
    reference = kata.solution_path.read_text(encoding="utf-8").splitlines(keepends=True)
    mine = open(path, encoding="utf-8", errors="replace").read().splitlines(keepends=True)
    return "".join(difflib.unified_diff(reference, mine, "reference", "yours"))
