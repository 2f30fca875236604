"""What the learner's code costs compared with the reference, for any kata.

* :func:`assert_constant_work` — the vectorization verdict: count Python-level work (interpreter
  events plus array rows iterated by builtins, see ``katakit.tracing``) of the same workload at
  two data sizes; vectorized code does the same work at both.
* :func:`assert_comparable_speed` — the performance verdict: wall time (min of several runs,
  measured here in the examiner) and peak memory against the reference in the same run, with a
  wide margin, an absolute floor and one retry so it never flakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from katakit.author.checks import fail
from katakit.candidate.protocol import STORED
from katakit.candidate.errors import CandidateTimeout

TRACE_SLACK = 10  # interpreter events that may differ between two sizes of vectorized code
SPEED_RATIO = 40  # the learner may be this many times slower than the reference
SPEED_FLOOR_S = 0.25  # below this a timing says nothing
MEMORY_RATIO, MEMORY_FLOOR = 20, 256 << 20


def call(name: str, *args, **kwargs) -> dict:
    """One call of a workload; ``stored("X")`` passes an array kept in the worker."""
    return {"name": name, "args": list(args), "kwargs": kwargs}


def stored(name: str) -> dict:
    return {STORED: name}


@dataclass(frozen=True)
class Workload:
    """Calls made on a fresh instance of ``cls`` (or on module functions when cls is None)."""

    calls: tuple
    cls: str | None = None
    init_args: tuple = field(default_factory=tuple)
    label: str = ""
    """How the learner should picture the data, e.g. 'X (512, 4)'."""
    init_kwargs: dict = field(default_factory=dict)
    """Constructor parameters the spec gives defaults to (passed by keyword, like calls)."""


def python_work(candidate, workload: Workload) -> dict:
    return candidate.trace(list(workload.calls), cls=workload.cls,
                           init_args=list(workload.init_args),
                           init_kwargs=workload.init_kwargs)


def assert_constant_work(candidate, small: Workload, large: Workload, what: str,
                         advice: str) -> None:
    """Fail, naming the line that repeats, when the work grows from ``small`` to ``large``."""
    before, after = python_work(candidate, small), python_work(candidate, large)
    if before["events"] < 0 or after["events"] < 0:
        fail("your code replaced the grader's trace function (sys.settrace), so its "
             "vectorization cannot be verified; remove that call")
    growth = after["events"] + after["iterated"] - before["events"] - before["iterated"]
    if growth <= TRACE_SLACK:
        return
    lines = {int(k): after["lines"].get(k, 0) - before["lines"].get(k, 0)
             for k in after["lines"]}
    worst = max(lines, key=lines.get, default=None)
    where = (f"line {worst} of your file runs {lines[worst]} more times"
             if worst is not None and lines[worst] > 0 else
             "a NumPy helper calls back into Python for each element "
             "(np.vectorize, np.apply_along_axis, np.frompyfunc?)")
    fail(f"Python-level work grows with the number of {what}: going from {small.label} to "
         f"{large.label}, {where}. {advice}")


def fastest(process, workload: Workload, seconds: float, give_up_after=np.inf, runs=3):
    """Minimum wall time of the workload's last call over ``runs`` (after one warm-up of every
    call), and the peak memory it allocated."""
    target = (process.new(workload.cls, *workload.init_args, **workload.init_kwargs)
              if workload.cls else process)
    *warmups, timed = workload.calls
    for warmup in (*warmups, timed):
        target.timed_call(warmup["name"], *warmup["args"], seconds=seconds, **warmup["kwargs"])
    times, peak = [], 0
    for _ in range(runs):
        _, elapsed, peak_bytes = target.timed_call(timed["name"], *timed["args"],
                                                   seconds=seconds, **timed["kwargs"])
        times.append(elapsed)
        peak = max(peak, peak_bytes)
        if elapsed > give_up_after:  # hopelessly slow: more runs would only waste time
            break
    return min(times), peak


def assert_comparable_speed(candidate, reference_process, arrays: dict, workload: Workload,
                            what: str, advice: str) -> None:
    """Time ``workload`` on both sides (arrays stored in each worker first) and compare."""
    for process in (reference_process, candidate):
        process.store(**arrays)
    reference_time, reference_peak = fastest(reference_process, workload, 30)
    budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    deadline = max(4 * budget, candidate.limits.call_seconds)
    try:
        learner_time, learner_peak = fastest(candidate, workload, deadline, 3 * budget)
        if budget < learner_time < 3 * budget:  # one retry: a busy machine slows either side
            reference_time = min(reference_time,
                                 fastest(reference_process, workload, 30)[0])
            learner_time = min(learner_time, fastest(candidate, workload, deadline)[0])
            budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    except CandidateTimeout:
        fail(f"{what} did not finish within {deadline:.1f} s, while the reference needs "
             f"{reference_time:.3f} s: it is far too slow at scale. {advice}")
    if learner_time > budget:
        fail(f"{what} took {learner_time:.2f} s, {learner_time / reference_time:.0f}x the "
             f"reference ({reference_time:.3f} s). {advice}")
    if learner_peak > max(MEMORY_RATIO * reference_peak, reference_peak + MEMORY_FLOOR):
        fail(f"{what} allocated {learner_peak / 2**20:.0f} MiB at its peak; the reference "
             f"needs {reference_peak / 2**20:.0f} MiB. Avoid (n, n) intermediates and copies "
             "of the data inside loops.")
