"""The checks most katas need, declared in one line each in a kata's hidden-check file.

Each function here returns a hidden check (a pytest test function tagged with its category and
carrying its learner-facing docstring); assign it to a ``test_<id>`` name::

    test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 4},
                                                 LOOP_ADVICE, allowed="the loop over epochs")
    test_speed_at_scale = standard.speed(big_data, [(fit_workload, "10 epochs of fit ...")],
                                         SPEED_ADVICE)
    test_inputs_untouched = standard.inputs_untouched(probes)
    test_output_shapes = standard.output_shapes(shaped_calls, sizes=[{"n": 1, "d": 1}, ...])
    test_init_parameters = standard.initial_state("LinearRegression", [(1,), (4,)], zeros)

The check's id is the name it is assigned to (without ``test_``), as for any other check.
"""

from __future__ import annotations

import inspect
from typing import Callable, Iterable

import numpy as np

from katakit.author.checks import check, fail
from katakit.author.measure import Workload, assert_comparable_speed, assert_constant_work
from katakit.author.values import as_array, as_float, as_vector, returned
from katakit.candidate.errors import LearnerRaised
from katakit.catalog import api_spec

Sizes = dict  # parameter name -> a fixed value, or (small, large) for the axis that grows


def _declare(category: str, doc: str, function: Callable) -> Callable:
    function.__doc__ = doc
    return check(category)(function)


# --- vectorization --------------------------------------------------------------------------

def no_loop(workload_at: Callable[..., Workload], over: str, sizes: Sizes, advice: str,
            allowed: str = "", doc: str = "", compare: bool = True) -> Callable:
    """No Python-level work grows with ``over`` (the parameter of ``sizes`` given as a
    (small, large) pair): ``workload_at(rng, **sizes)`` builds the calls, which are counted at
    both sizes after a warm-up on other data of the same size. ``allowed`` names the loops
    that may stay (epochs, clusters, kernel taps ...), which the workload keeps fixed;
    ``compare`` also checks the counted calls return what the reference returns."""
    small = {k: v[0] if isinstance(v, tuple) else v for k, v in sizes.items()}
    large = {k: v[1] if isinstance(v, tuple) else v for k, v in sizes.items()}
    doc = doc or (f"No Python-level work grows with the number of {over} (loops, "
                  "comprehensions, builtins walking arrays, np.vectorize ...)"
                  + (f"; {allowed} may stay." if allowed else "."))

    def test(candidate, rng, reference):
        assert_constant_work(candidate, workload_at(rng, **small).after(workload_at(rng, **small)),
                             workload_at(rng, **large).after(workload_at(rng, **large)), over,
                             advice, reference if compare else None)

    return _declare("vectorization", doc, test)


# --- performance ----------------------------------------------------------------------------

def speed(data: Callable, timed: Iterable[tuple[Workload, str]], advice: str,
          doc: str = "") -> Callable:
    """Each workload's last call runs in time and memory comparable to the reference's, on
    the arrays ``data(rng)`` returns (stored in both workers once: refer to them with
    ``stored("name")``). One verdict per workload: the calls before the last warm up."""
    timed = list(timed)
    doc = doc or (" and ".join(what for _, what in timed) +
                  (" run" if len(timed) > 1 else " runs") +
                  " in time and memory comparable to the reference.")

    def test(candidate, reference_process, rng):
        arrays = data(rng)
        for workload, what in timed:
            assert_comparable_speed(candidate, reference_process, arrays, workload, what,
                                    advice)
            arrays = {}  # stored once, reused by the next workload

    return _declare("performance", doc, test)


# --- robustness -----------------------------------------------------------------------------

def inputs_untouched(probes: Callable[..., Iterable[Workload]], fix: str = "",
                     doc: str = "") -> Callable:
    """The last call of each workload ``probes(rng)`` returns leaves its input arrays as they
    were (the calls before it set the object up). A change is reported with the line that
    made it; the arguments are named as in the kata's API."""
    doc = doc or "Your code leaves its input arrays unchanged."

    def test(candidate, rng, seed, kata):
        for workload in probes(rng):
            changed = _changed_input(candidate, kata, workload)
            if changed:
                name, method, line = changed
                remedy = fix or (f"Compute a new array instead ({name} = {name} - ... makes "
                                 "a copy; reassigning self.w = self.w - ... is always safe)")
                fail(f"{method} modified its input {name} in place{line}: the caller's {name} "
                     f"must stay as it was. {remedy} {_data_note(seed, workload)}")

    return _declare("robustness", doc, test)


def _changed_input(candidate, kata, workload: Workload):
    """(argument name, method, ' at line N (`code`)') of the first changed input, or None."""
    *setup, probed = workload.calls
    target = _target(candidate, workload, setup)
    arrays = _array_arguments(kata, workload, probed)
    _, after = target.call_returning_inputs(probed["name"], *probed["args"], **probed["kwargs"])
    after = list(after) + [None] * (len(arrays) - len(after))
    for (name, position, before), now in zip(arrays, after):
        if now is None or now.shape != before.shape or not np.array_equal(now, before,
                                                                          equal_nan=True):
            return name, probed["name"], _changing_line(candidate, workload, setup, probed,
                                                        name, position)
    return None


def _changing_line(candidate, workload, setup, probed, name: str, position) -> str:
    """Where the input ``name`` was changed: the same call with that input read-only raises
    there (the other inputs stay writeable, so the line is that input's)."""
    target = _target(candidate, workload, setup)
    try:
        target.call_returning_inputs(probed["name"], *probed["args"], readonly=[position],
                                     **probed["kwargs"])
    except LearnerRaised as error:
        if error.frames and "read-only" in error.text:
            frame = error.frames[-1]
            return f" at line {frame['line']} (`{frame['code'][:80]}`)"
    return ""


def _target(candidate, workload: Workload, setup):
    target = candidate.new(workload.cls, *workload.init_args, **workload.init_kwargs) \
        if workload.cls else candidate
    for step in setup:
        target.call(step["name"], *step["args"], **step["kwargs"])
    return target


def _array_arguments(kata, workload: Workload, probed) -> list[tuple[str, object, np.ndarray]]:
    """The probed call's array arguments: (the name the kata's API gives it, its position or
    keyword, the array), in the order the worker returns them."""
    names = [p.name for p in api_spec.parse(_signature(kata, workload.cls, probed["name"]))]
    named = [(names[i] if i < len(names) else f"argument {i + 1}", i, value)
             for i, value in enumerate(probed["args"])]
    named += [(key, key, value) for key, value in probed["kwargs"].items()]
    return [(name, key, value) for name, key, value in named if isinstance(value, np.ndarray)]


def call_label(kata, cls, step) -> str:
    """How the learner would write the call: ``fit(X, y, epochs=3)``, names from the API."""
    names = [p.name for p in api_spec.parse(_signature(kata, cls, step["name"]))]
    shown = [names[i] if i < len(names) else "..." for i in range(len(step["args"]))]
    shown += [f"{k}={v!r}" for k, v in step["kwargs"].items() if not isinstance(v, np.ndarray)]
    return f"{step['name']}({', '.join(shown)})"


def _signature(kata, cls, name) -> str:
    for entry in kata.entries:
        if cls and entry.name == cls:
            return entry.methods.get(name, "")
        if not cls and entry.name == name:
            return entry.signature
    return ""


def _data_note(seed, workload: Workload) -> str:
    call = workload.calls[-1]
    shapes = [f"{tuple(np.shape(a))}" for a in (*call["args"], *call["kwargs"].values())
              if isinstance(a, np.ndarray)]
    return f"(seed {seed}; inputs {', '.join(shapes)})" if shapes else f"(seed {seed})"


# --- shapes ---------------------------------------------------------------------------------

def vector(length: int):
    """Expect a 1-D float array of ``length`` (naming the (n, 1) column-vector mistake)."""
    return lambda value, what: as_vector(value, length, what)


def array(shape: tuple):
    return lambda value, what: as_array(value, shape, what)


def scalar(value, what):
    """Expect one real number."""
    return as_float(value, what)


def pair(first, second):
    """Expect a pair such as (dw, db), each part checked by its own expectation."""
    def expect(value, what):
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            fail(f"{what} should return a pair, but it returned {returned(value)}")
        return first(value[0], f"the first item of {what}"), \
            second(value[1], f"the second item of {what}")
    return expect


def output_shapes(shaped_calls: Callable, sizes: Iterable[dict], doc: str = "") -> Callable:
    """``shaped_calls(rng, **size)`` returns ``(workload, expectations)``: the calls run in
    order on one fresh object, and each result passes its expectation (``vector(n)``,
    ``scalar``, ``pair(...)``, ``array(shape)``, any ``f(value, what)``, or None to ignore).
    Run for every size, edge sizes (one sample, one feature) included."""
    sizes = list(sizes)
    doc = doc or "Every method returns the right shapes and types, for edge sizes too."

    def test(candidate, rng, seed, kata):
        for size in sizes:
            workload, expectations = shaped_calls(rng, **size)
            target = candidate.new(workload.cls, *workload.init_args, **workload.init_kwargs) \
                if workload.cls else candidate
            note = f"(seed {seed}; {', '.join(f'{k}={v}' for k, v in size.items())})"
            for step, expect in zip(workload.calls, expectations):
                value = target.call(step["name"], *step["args"], **step["kwargs"])
                if expect is not None:
                    expect(value, f"{call_label(kata, workload.cls, step)} {note}")

    return _declare("shapes", doc, test)


# --- initial state --------------------------------------------------------------------------

def initial_state(cls: str, constructions: Iterable, expected: Callable, why: str,
                  doc: str = "") -> Callable:
    """A new ``cls(*args, **kwargs)`` holds the attribute values ``expected(*args)`` returns
    (a dict name -> value), for each ``(args, kwargs)`` (or plain ``args``) in
    ``constructions``; ``why`` ends the message when it does not."""
    constructions = [c if len(c) == 2 and isinstance(c[1], dict) else (c, {})
                     for c in constructions]
    doc = doc or f"A new {cls} starts from the state the spec gives."

    def test(candidate):
        for args, kwargs in constructions:
            obj = candidate.new(cls, *args, **kwargs)
            label = f"{cls}({', '.join([*map(repr, args), *(f'{k}={v!r}' for k, v in kwargs.items())])})"
            found = {}
            for name, want in expected(*args).items():
                if np.ndim(want):
                    found[name] = as_array(obj.get(name), np.shape(want), f"{label}.{name}")
                else:
                    found[name] = as_float(obj.get(name), f"{label}.{name}")
            wrong = [n for n, want in expected(*args).items()
                     if not np.array_equal(found[n], want)]
            if wrong:
                shown = ", ".join(f"{n} = {np.round(found[n], 3)}" for n in found)
                fail(f"{label} starts at {shown}. {why}")

    return _declare("correctness", doc, test)


__all__ = ["array", "initial_state", "inputs_untouched", "no_loop", "output_shapes", "pair",
           "scalar", "speed", "vector"]
_ = inspect  # the module's functions build checks; nothing else is exported
