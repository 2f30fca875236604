"""What the learner's code costs compared with the reference, for any kata.

* :func:`assert_constant_work` — the vectorization verdict: count Python-level work
  (interpreter events plus items walked by builtins, see ``katakit.candidate.tracing``) of the
  same workload at two data sizes, each after a warm-up on other data; vectorized code does the
  same work at both. The counted calls' results are compared with the reference's, so code
  that behaves differently while counted cannot pass.
* :func:`assert_comparable_speed` — the performance verdict: wall time (min of several runs)
  and peak memory, both measured from outside the worker, against the reference in the same
  run, with a wide margin, an absolute floor and one retry so it never flakes. The timed
  calls' results are compared with the reference's too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from katakit.author.checks import Unverified, fail
from katakit.author.values import same_values, worst_gap
from katakit.candidate.errors import CandidateTimeout
from katakit.candidate.protocol import GENERATOR, STORED
from katakit.text import read_source

TRACE_SLACK = 10  # interpreter events that may differ between two sizes of vectorized code
SPEED_RATIO = 40  # the learner may be this many times slower than the reference
SPEED_FLOOR_S = 0.25  # below this a timing says nothing
MEMORY_RATIO, MEMORY_FLOOR = 20, 256 << 20
BUILTIN_FIX = {
    "sum": "use np.sum(a) or a.sum() (axis=... for rows or columns)",
    "min": "use np.min(a) or a.min()", "max": "use np.max(a) or a.max()",
    "sorted": "use np.sort or np.argsort", "list": "keep the data in arrays",
    "tuple": "keep the data in arrays", "set": "use np.unique",
    "frozenset": "use np.unique", "any": "use np.any(a)", "all": "use np.all(a)",
    "iter": "use whole-array operations", "reversed": "use a[::-1]",
    "map": "apply the operation to the whole array at once",
    "zip": "combine whole arrays (a * b, np.column_stack, ...)",
    "filter": "use a boolean mask: a[a > 0]", "enumerate": "use whole-array operations",
    "reduce": "use np.sum, np.prod or a matrix product", "fsum": "use np.sum(a)",
    "prod": "use np.prod(a)", "accumulate": "use np.cumsum or np.cumprod",
    "starmap": "apply the operation to whole arrays", "chain": "use np.concatenate",
    "fromiter": "build the array with whole-array operations",
}


def call(name: str, *args, **kwargs) -> dict:
    """One call of a workload; ``stored("X")`` passes an array kept in the worker and
    ``generator(seed)`` a fresh ``np.random.default_rng(seed)``."""
    return {"name": name, "args": list(args), "kwargs": kwargs}


def stored(name: str) -> dict:
    return {STORED: name}


def generator(seed: int) -> dict:
    """Examiner-supplied randomness: the learner receives ``np.random.default_rng(seed)``."""
    return {GENERATOR: int(seed)}


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
    warmup: tuple | None = None
    """The same calls on other data, run first so that one-time work is not counted and a
    submission cannot simply remember the answer (default: the calls themselves)."""
    same: Callable | bool | None = None
    """``same(learner_result, reference_result) -> bool``, applied to each call's result;
    default :func:`katakit.author.values.same_values`; False: results are not compared (for
    results that may validly differ, such as an eigenvector's sign)."""

    def after(self, warmup: "Workload") -> "Workload":
        """This workload, counted after ``warmup``'s calls (the same calls, other data)."""
        return replace(self, warmup=warmup.calls)


# --- vectorization --------------------------------------------------------------------------

def python_work(candidate, workload: Workload) -> dict:
    return candidate.trace(list(workload.calls), list(workload.warmup or workload.calls),
                           cls=workload.cls, init_args=list(workload.init_args),
                           init_kwargs=workload.init_kwargs)


def assert_constant_work(candidate, small: Workload, large: Workload, what: str,
                         advice: str, reference=None) -> None:
    """Fail, naming the line that repeats and what repeats it, when the work grows from
    ``small`` to ``large``; with ``reference`` (the reference module), the counted calls must
    also return what the reference returns."""
    before, after = python_work(candidate, small), python_work(candidate, large)
    if before["events"] < 0 or after["events"] < 0:
        fail("your code replaced the grader's trace function (sys.settrace), so its "
             "vectorization cannot be verified; remove that call")
    growth = after["events"] + after["iterated"] - before["events"] - before["iterated"]
    if growth > TRACE_SLACK:
        fail(f"Python-level work grows with the number of {what}: going from {small.label} "
             f"to {large.label}, {_what_grows(candidate, before, after)} {advice}")
    if reference is not None:
        for workload, traced in ((small, before), (large, after)):
            same_as_reference(workload, traced["values"], run_locally(reference, workload),
                               f"while its Python-level work was counted on {workload.label}")


def _what_grows(candidate, before: dict, after: dict) -> str:
    """The learner's line whose work grew most, and what made it grow."""
    growth = {}
    for key, work in after["lines"].items():
        old = before["lines"].get(key, {})
        growth[int(key)] = {part: work.get(part, 0) - old.get(part, 0)
                            for part in ("own", "library", "items")}
        growth[int(key)]["builtins"] = {
            name: items - old.get("builtins", {}).get(name, 0)
            for name, items in work.get("builtins", {}).items()}
    def total(line):
        return sum(v for part, v in growth[line].items() if part != "builtins")
    most = max(map(total, growth), default=0)
    # A loop's body (and what it calls) repeats as often as its header: name the loop itself
    # when one of the learner's loops repeats more; else the line that grew most.
    loops = [line for line in growth if growth[line]["own"] > 0 and _is_loop(candidate, line)]
    worst = max(loops, key=lambda line: (growth[line]["own"], -line)) if loops else \
        max(growth, key=lambda line: (total(line), -line), default=None)
    if worst is None or most <= 0:
        return ("a NumPy helper calls back into Python for each element (np.vectorize, "
                "np.apply_along_axis, np.frompyfunc?).")
    part = growth[worst]
    code = _line_text(candidate, worst)
    if worst in loops or (part["own"] > 0 and part["library"] <= part["own"]):
        others = sorted(line for line in loops if line != worst
                        and growth[line]["own"] > TRACE_SLACK)[:2]
        also = "".join(f"; line {line}{_line_text(candidate, line)} runs "
                       f"{growth[line]['own']} more times" for line in others)
        return f"line {worst} of your file{code} runs {part['own']} more times{also}."
    if part["items"] >= part["library"] and part["builtins"]:
        name = max(part["builtins"], key=part["builtins"].get)
        return (f"line {worst} of your file{code} hands builtin {name}() {part['items']} more "
                f"items: {name}() walks an array's elements one by one in Python; "
                f"{BUILTIN_FIX.get(name, 'use whole-array operations')}.")
    return (f"line {worst} of your file{code} makes library code run Python for each element "
            f"({part['library']} more steps: np.vectorize, np.apply_along_axis, a NumPy "
            "function called once per row?).")


def _is_loop(candidate, number: int) -> bool:
    text = _line_text(candidate, number).strip(" (`)")
    return text.startswith(("for ", "while ", "async for ")) or " for " in text


def _line_text(candidate, number: int) -> str:
    try:
        lines = read_source(candidate.path).splitlines()
    except (OSError, SyntaxError, UnicodeDecodeError):
        return ""
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    return f" (`{text[:80]}`)" if text else ""


def run_locally(reference, workload: Workload, arrays: dict | None = None) -> list:
    """What the reference module returns for ``workload``'s calls (in this process, on
    copies of the data; ``arrays`` resolves ``stored`` names)."""
    def resolve(value):
        if isinstance(value, dict) and STORED in value:
            value = arrays[value[STORED]]
        elif isinstance(value, dict) and GENERATOR in value:
            value = np.random.default_rng(value[GENERATOR])
        return value.copy() if isinstance(value, np.ndarray) else value

    target = reference
    if workload.cls:
        target = getattr(reference, workload.cls)(*map(resolve, workload.init_args),
                                                  **{k: resolve(v) for k, v in
                                                     workload.init_kwargs.items()})
    return [getattr(target, c["name"])(*map(resolve, c["args"]),
                                       **{k: resolve(v) for k, v in c["kwargs"].items()})
            for c in workload.calls]


def same_as_reference(workload: Workload, mine: list, expected: list, when: str) -> None:
    """Raise :class:`Unverified` when a measured call's result (``mine``, the results of the
    workload's last ``len(expected)`` calls) is not the reference's (``expected``); ``when``
    says under which measurement (counted, at scale ...)."""
    same = workload.same or same_values
    if workload.same is False:
        return
    calls = [c["name"] for c in workload.calls][-len(expected):] if expected else []
    for name, a, b in zip(calls, mine, expected):
        if not same(a, b):
            shown = _gap(a, b)
            raise Unverified(
                f"{when}, your {name} returned other values than the reference's{shown}, "
                "although the other checks found your results right: your code must compute "
                "the same way whatever the data size and whether or not it is observed.",
                f"not measured: {when}, your {name} returned other values than the "
                f"reference's{shown}; the failures above come first.")
    if len(mine) != len(expected):
        raise Unverified(f"{when}, your code returned {len(mine)} results for "
                         f"{len(expected)} calls", "not measured: the failures above come first")


def _gap(mine, expected) -> str:
    try:
        a, b = np.asarray(mine, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return ""
    return f" ({worst_gap(a, b, note=False)})" if a.shape == b.shape and a.size else ""


# --- speed ----------------------------------------------------------------------------------

def fastest(process, workload: Workload, seconds: float, give_up_after=np.inf, runs=3,
            first_jitter=1):
    """Minimum wall time of the workload's last call over ``runs``, after one warm-up of every
    call; its largest peak memory; and what the warm-up of the last call returned (the first
    time it ran, on both sides: later runs may continue from the state it left, as a second
    ``fit`` does). Timed runs leave their result in the worker (sending a large result back is
    not what is measured), and each gets its stored float arrays scaled by 1 + k 2^-44: the
    same work on other bytes, so a submission that remembers its answers gains nothing."""
    target = (process.new(workload.cls, *workload.init_args, **workload.init_kwargs)
              if workload.cls else process)
    *warmups, timed = workload.calls
    for warmup in warmups:
        target.timed_call(warmup["name"], *warmup["args"], seconds=seconds, keep_value=False,
                          **warmup["kwargs"])
    first, _ = target.timed_call(timed["name"], *timed["args"], seconds=seconds,
                                 **timed["kwargs"])
    times, peak = [], 0
    for k in range(first_jitter, first_jitter + runs):
        _, cost = target.timed_call(timed["name"], *_jittered(timed["args"], k),
                                    seconds=seconds, keep_value=False,
                                    **dict(zip(timed["kwargs"],
                                               _jittered(timed["kwargs"].values(), k))))
        times.append(cost.seconds)
        peak = max(peak, cost.peak_bytes)
        if cost.seconds > give_up_after:  # hopelessly slow: more runs would only waste time
            break
    return min(times), peak, first


def _jittered(values, k: int) -> list:
    return [{**v, "jitter": k} if isinstance(v, dict) and STORED in v else v for v in values]


def assert_comparable_speed(candidate, reference_process, arrays: dict, workload: Workload,
                            what: str, advice: str) -> None:
    """Time ``workload`` on both sides (arrays stored in each worker first) and compare; the
    timed call must return what the reference's returns."""
    for process in (reference_process, candidate):
        process.store(**arrays)
    reference_time, reference_peak, expected = fastest(reference_process, workload, 30)
    budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    deadline = max(4 * budget, candidate.limits.call_seconds)
    try:
        learner_time, learner_peak, value = fastest(candidate, workload, deadline, 3 * budget)
        if budget / 3 < learner_time < 3 * budget:  # near the line: one retry, since a busy
            # machine slows either side (a reference slowed by load would let a loop pass)
            reference_time = min(reference_time,
                                 fastest(reference_process, workload, 30, first_jitter=4)[0])
            learner_time = min(learner_time,
                               fastest(candidate, workload, deadline, first_jitter=4)[0])
            budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    except CandidateTimeout:
        raise CandidateTimeout.after(
            what, deadline, f"the reference needs {reference_time:.3f} s: your code is stuck "
            f"in a loop that never ends, or far too slow at this scale. {advice}") from None
    same_as_reference(workload, [value], [expected], f"on {what}")
    if learner_time > budget:
        fail(f"{what} took {learner_time:.2f} s, {learner_time / reference_time:.0f}x the "
             f"reference ({reference_time:.3f} s). {advice}")
    if learner_peak > max(MEMORY_RATIO * reference_peak, reference_peak + MEMORY_FLOOR):
        fail(f"{what} took {_mib(learner_peak)} of memory more than your process held "
             f"before the call; the reference takes {_mib(reference_peak)}. Avoid (n, n) "
             "intermediates and copies of the data inside loops.")


def _mib(size: int) -> str:
    return "under 1 MiB" if size < 1 << 20 else f"{size / 2**20:.0f} MiB"

