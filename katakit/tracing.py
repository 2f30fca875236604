"""Count the Python-level work a learner's code does, to prove it is vectorized (worker side).

Two counters, both of which stay constant when code is vectorized and grow with the data when
it is not:

* interpreter events (``call`` and ``line`` via ``sys.settrace``): catches ``for``/``while``
  loops, comprehensions, generators, recursion, and NumPy helpers that call back into Python
  (``np.vectorize``, ``np.apply_along_axis``);
* array elements iterated by builtins that loop in C (``sum(err)``, ``map(f, X)``,
  ``functools.reduce``, ``math.fsum`` ...): those never enter the interpreter, so the learner's
  module gets builtins that note how many rows they were handed before delegating.

Anything else is left to the examiner's timing backstop (the performance check).
"""

from __future__ import annotations

import builtins
import collections
import functools
import itertools
import math
import sys

import numpy as np

_ITERATING_BUILTINS = ("sum", "min", "max", "sorted", "list", "tuple", "set", "frozenset",
                       "any", "all", "iter", "reversed", "map", "zip", "filter", "enumerate")
_ITERATING_LIBRARY_FUNCTIONS = ((functools, "reduce"), (math, "fsum"), (math, "prod"),
                                (itertools, "accumulate"), (itertools, "starmap"),
                                (itertools, "chain"), (np, "fromiter"))


class WorkCounter:
    """Counts interpreter events and C-level array iteration while ``active``."""

    def __init__(self, learner_file: str):
        self.learner_file = learner_file
        self.active = False
        self.events = 0
        self.iterated = 0
        self.lines: collections.Counter = collections.Counter()

    def reset(self) -> None:
        self.events = 0
        self.iterated = 0
        self.lines = collections.Counter()

    # sys.settrace protocol -------------------------------------------------------------------
    def on_call(self, frame, event, arg):
        self.events += 1
        return self.on_local

    def on_local(self, frame, event, arg):
        if event == "line":
            self.events += 1
            if frame.f_code.co_filename == self.learner_file:
                self.lines[frame.f_lineno] += 1
        return self.on_local

    def run(self, function):
        """Call ``function()`` with counting on; returns its result."""
        self.reset()
        self.active = True
        sys.settrace(self.on_call)
        try:
            return function()
        finally:
            tracer_intact = sys.gettrace() == self.on_call
            sys.settrace(None)
            self.active = False
            if not tracer_intact:
                self.events = -1  # the learner's code replaced the tracer: nothing can be trusted

    # C-level iteration -----------------------------------------------------------------------
    def note(self, iterables) -> None:
        if not self.active:
            return
        for candidate in iterables:
            if isinstance(candidate, np.ndarray) and candidate.ndim > 0:
                self.iterated += candidate.shape[0]
                caller = sys._getframe(2)
                if caller.f_code.co_filename == self.learner_file:
                    self.lines[caller.f_lineno] += candidate.shape[0]

    def wrap(self, original):
        if isinstance(original, type):
            return _CountedType(original, self)
        counter = self

        @functools.wraps(original)
        def counted(*args, **kwargs):
            counter.note(args)
            return original(*args, **kwargs)

        return counted


class _CountedType:
    """Stands in for a builtin type (``list``, ``map`` ...) so that calling it is counted while
    ``isinstance``, ``list[float]`` annotations, subclassing and class attributes still behave."""

    def __init__(self, original: type, counter: WorkCounter):
        self._original = original
        self._counter = counter

    def __call__(self, *args, **kwargs):
        self._counter.note(args)
        return self._original(*args, **kwargs)

    def __instancecheck__(self, instance):
        return isinstance(instance, self._original)

    def __subclasscheck__(self, subclass):
        return issubclass(subclass, self._original)

    def __mro_entries__(self, bases):
        return (self._original,)

    def __getitem__(self, item):
        return self._original[item]

    def __getattr__(self, name):
        return getattr(self._original, name)

    def __eq__(self, other):
        return other is self._original or other is self

    def __hash__(self):
        return hash(self._original)

    def __repr__(self):
        return repr(self._original)


def instrumented_builtins(counter: WorkCounter) -> dict:
    """A builtins namespace for the learner's module whose iterating builtins report to counter."""
    namespace = dict(vars(builtins))
    for name in _ITERATING_BUILTINS:
        namespace[name] = counter.wrap(namespace[name])
    return namespace


def instrument_library_functions(counter: WorkCounter) -> None:
    """Patch iterating library functions before the learner's module imports them."""
    for module, name in _ITERATING_LIBRARY_FUNCTIONS:
        setattr(module, name, counter.wrap(getattr(module, name)))
