"""Count the Python-level work a learner's code does, to prove it is vectorized (worker side).

Two counters, both of which stay constant when code is vectorized and grow with the data when
it is not:

* interpreter events (``call`` and ``line`` via ``sys.settrace``): catches ``for``/``while``
  loops, comprehensions, generators, recursion, and NumPy helpers that call back into Python
  (``np.vectorize``, ``np.apply_along_axis``);
* items iterated by builtins that loop in C (``sum(err)``, ``map(f, X)``, ``map(f, [*X.T])``,
  ``functools.reduce``, ``math.fsum`` ...): those never enter the interpreter, so while
  counting, the learner's module sees builtins that note how many items they were handed
  before delegating. Outside a count the real builtins are in place, so annotations,
  ``singledispatch`` registrations and ``type(x) is list`` at import time see the real types.

Turning tracing off from the learner's code (``sys.settrace(None)``) is noticed through an
audit hook and voids the count. Anything else is left to the examiner's timing backstop (the
performance check).
"""

from __future__ import annotations

import builtins
import collections
import functools
import itertools
import math
import operator
import sys

import numpy as np

_ITERATING_BUILTINS = ("sum", "min", "max", "sorted", "list", "tuple", "set", "frozenset",
                       "any", "all", "iter", "reversed", "map", "zip", "filter", "enumerate")
_ITERATING_LIBRARY_FUNCTIONS = ((functools, "reduce"), (math, "fsum"), (math, "prod"),
                                (itertools, "accumulate"), (itertools, "starmap"),
                                (itertools, "chain"), (np, "fromiter"))


class WorkCounter:
    """Counts interpreter events and C-level iteration while ``active``."""

    def __init__(self, learner_file: str):
        self.learner_file = learner_file
        self.active = False
        self.tampered = False
        self.events = 0
        self.iterated = 0
        self.lines: collections.Counter = collections.Counter()
        self._swaps: list[tuple[dict, dict]] = []
        sys.addaudithook(self._audit)

    def reset(self) -> None:
        self.events = 0
        self.iterated = 0
        self.tampered = False
        self.lines = collections.Counter()

    def _audit(self, event, args) -> None:
        if self.active and event in ("sys.settrace", "sys.setprofile"):
            self.tampered = True

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
        sys.settrace(self.on_call)
        self._install()
        self.active = True
        try:
            return function()
        finally:
            self.active = False
            self._uninstall()
            tracer_intact = sys.gettrace() == self.on_call and not self.tampered
            sys.settrace(None)
            if not tracer_intact:
                self.events = -1  # the learner's code touched the tracer: nothing can be trusted

    # C-level iteration -----------------------------------------------------------------------
    def counting_builtins(self, namespace: dict) -> None:
        """Give ``namespace`` (a learner module's builtins) counting stand-ins while counting."""
        self._swaps.append((namespace, {name: _counted(namespace[name], self)
                                        for name in _ITERATING_BUILTINS}))

    def _install(self) -> None:
        for namespace, stand_ins in self._swaps:
            namespace.update(stand_ins)

    def _uninstall(self) -> None:
        for namespace, stand_ins in self._swaps:
            namespace.update({name: getattr(builtins, name) for name in stand_ins})

    def note(self, iterables) -> None:
        """Count the items of every argument that is a sized collection or iterator."""
        if not self.active:
            return
        for candidate in iterables:
            if callable(candidate) or isinstance(candidate, (str, bytes, int, float)):
                continue
            try:
                items = operator.length_hint(candidate, 0)
            except Exception:  # a learner's __len__ may raise; that is not ours to report
                continue
            self.iterated += items
            caller = sys._getframe(2)
            if items and caller.f_code.co_filename == self.learner_file:
                self.lines[caller.f_lineno] += items


class _CountingMeta(type):
    """Metaclass of a builtin type's stand-in: calling the stand-in itself is counted and
    returns a real instance of the builtin; ``isinstance``, ``issubclass``, ``match`` class
    patterns, ``list[float]`` and subclassing behave as with the builtin."""

    def __call__(cls, *args, **kwargs):
        if cls.__dict__.get("_stand_in_for") is None:  # a learner's subclass
            return super().__call__(*args, **kwargs)
        cls._counter.note(args)
        return cls._stand_in_for(*args, **kwargs)

    def __instancecheck__(cls, instance):
        original = cls.__dict__.get("_stand_in_for")
        return isinstance(instance, original) if original else super().__instancecheck__(
            instance)

    def __subclasscheck__(cls, subclass):
        original = cls.__dict__.get("_stand_in_for")
        return issubclass(subclass, original) if original else super().__subclasscheck__(
            subclass)


def _counted(original, counter: WorkCounter):
    if isinstance(original, type):
        return _CountingMeta(original.__name__, (original,),
                             {"_stand_in_for": original, "_counter": counter,
                              "__module__": "builtins", "__qualname__": original.__qualname__})

    @functools.wraps(original)
    def counted(*args, **kwargs):
        counter.note(args)
        return original(*args, **kwargs)

    return counted


def instrument_library_functions(counter: WorkCounter) -> None:
    """Patch iterating library functions before the learner's module imports them; they only
    count while ``counter`` is active."""
    for module, name in _ITERATING_LIBRARY_FUNCTIONS:
        setattr(module, name, _counted(getattr(module, name), counter))
