"""Helpers for katas about neural-network internals (mlp_backprop, adam, and any kata whose
learner object holds named parameter arrays and returns gradients keyed by parameter name).

Why a module of its own: the kit's :class:`~katakit.author.measure.Workload` builds the
learner's object from constructor arguments only, but a network's values and trajectory are
exact only from *examiner-set* parameters, so counted, timed and probed workloads need "set
these attributes, then call" (:func:`set_parameters`). Gradients come back as a dict, whose
classic shape mistakes (a transposed weight gradient, a bias gradient summed over the wrong
axis or kept 2-D) deserve names (:func:`as_gradients`). Whether returned arrays are fresh or
alias state that later calls change is visible only once those later calls have run
(:func:`returned_after`). Gradient probes must avoid kinks such as ReLU at 0
(:func:`away_from_kinks`).
"""

from __future__ import annotations

from typing import Callable, TypeVar

import numpy as np

from katakit.author.checks import fail
from katakit.author.measure import Workload, call
from katakit.author.values import as_array, returned, same_values

T = TypeVar("T")


def set_parameters(params: dict) -> tuple:
    """Calls that assign each array of ``params`` to the attribute of that name (``net.W1 =
    W1`` ...), to put first in a Workload: every workload then starts from the examiner's
    parameters, whatever initialization the learner's constructor chose. The arrays may be
    ``stored("W1")`` references (speed checks)."""
    return tuple(call("__setattr__", name, value) for name, value in params.items())


def same_results(actual, expected) -> bool:
    """:func:`~katakit.author.values.same_values`, with the ``None`` that attribute
    assignments return matching ``None``: the ``same`` of a Workload that sets parameters."""
    if expected is None:
        return actual is None
    return same_values(actual, expected)


def returned_after(candidate, workload: Workload) -> list:
    """What each call of ``workload`` returned, read only after its LAST call has run (on a
    fresh object, in the learner's worker). A returned array that the learner's object keeps
    and later changes (a gradient buffer reused by the next call, a gradient that is a view
    of a parameter updated in place by ``fit``) shows the change; fresh arrays do not."""
    reply = candidate.trace(list(workload.calls), [], cls=workload.cls,
                            init_args=list(workload.init_args),
                            init_kwargs=workload.init_kwargs)
    return reply["values"]


def as_gradients(value, shapes: dict[str, tuple], what: str, n: int | None = None) -> dict:
    """``value`` as a dict name -> float array of exactly ``shapes[name]``, or a failure that
    names the classic mistake: a missing or extra key, a weight gradient of the transposed
    shape, a bias gradient of shape (n,) (summed over the wrong axis), (1, k) or (k, 1)
    (keepdims or a column vector), or a scalar (summed over every axis). ``n`` is the batch
    size of the call."""
    if not isinstance(value, dict):
        fail(f"{what} should be a dict of gradients with the keys {', '.join(shapes)}, but it "
             f"is {returned(value)}")
    missing = [k for k in shapes if k not in value]
    if missing:
        found = ", ".join(map(repr, value)) or "none"
        fail(f"{what} has no gradient for {', '.join(missing)} (its keys: {found}); the dict "
             f"needs exactly the parameter names {', '.join(map(repr, shapes))}")
    grads = {}
    for name, shape in shapes.items():
        grads[name] = _one_gradient(value[name], tuple(shape), f"the gradient {name!r} of "
                                    f"{what}", n)
    return grads


def _one_gradient(value, shape: tuple, what: str, n: int | None) -> np.ndarray:
    got = np.shape(value) if isinstance(value, (np.ndarray, list, tuple, float, int)) else None
    if got is not None and got != shape:
        why = shape_mistake(got, shape, n)
        if why:
            fail(f"{what} has shape {got} instead of the parameter's {shape}: {why}")
    return as_array(value, shape, what)


def shape_mistake(got: tuple, shape: tuple, n: int | None) -> str:
    """The classic reason a gradient has shape ``got`` instead of ``shape``, or ''."""
    if len(shape) == 2 and got == shape[::-1]:
        return ("it is transposed (a missing transpose): a weight gradient is inputs.T @ "
                "upstream, e.g. X.T @ dz1 of shape (d_in, h), not dz1.T @ X")
    if len(shape) == 1 and n is not None and got == (n,) and n != shape[0]:
        return ("it has one entry per sample, so it was summed over the wrong axis: a bias "
                "gradient sums the upstream gradient over the samples, np.sum(d, axis=0)")
    if len(shape) == 1 and got in ((1, shape[0]), (shape[0], 1)):
        return ("it is 2-D (keepdims=True, or a column vector): return a 1-D array, "
                "np.sum(d, axis=0)")
    if len(shape) == 1 and got == ():
        return ("it is one number, so it was summed over every axis: sum over the samples "
                "only, np.sum(d, axis=0)")
    return ""


def away_from_kinks(draw: Callable[[], T], kinks: Callable[[T], np.ndarray],
                    margin: float = 1e-2, tries: int = 200) -> T:
    """``draw()`` again until every value of ``kinks(probe)`` (e.g. a ReLU's pre-activations)
    is at least ``margin`` away from 0, where finite differences would straddle the kink. Use a
    margin far above the finite-difference step times the data's scale."""
    for _ in range(tries):
        probe = draw()
        if np.min(np.abs(kinks(probe)), initial=np.inf) >= margin:
            return probe
    raise RuntimeError("no probe away from the kinks: lower the margin or the sizes")


__all__ = ["as_gradients", "away_from_kinks", "returned_after", "same_results",
           "set_parameters", "shape_mistake"]
