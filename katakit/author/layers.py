"""Helpers for katas about one neural-network layer at a time (batchnorm, conv2d, attention ...):
a forward that maps inputs to an output, a backward that maps an upstream gradient ``dout`` to
the gradients of the layer's inputs and parameters, and module functions next to a class.

Why a module of its own: :mod:`katakit.author.gradcheck` differentiates a scalar loss, but a
layer returns an array, so its backward is checked against the finite differences of
``L = sum(dout * forward(...))`` for an examiner-chosen ``dout`` (:func:`layer_gradients`);
a backward returns a *tuple* of named gradients (``dx, dgamma, dbeta``) whose classic shape
mistakes deserve names (:func:`as_arrays`); a layer kata often has a class *and* a module
function that must both be loop-free, which :func:`katakit.author.standard.no_loop` (one
workload per check) cannot count in one check (:func:`no_loop_each`); a wrong value is best
named by the known-wrong variant it equals (:func:`matching_variant`); and convolution's
output size has one formula every check shares (:func:`conv_output_size`).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from katakit.author import gradcheck
from katakit.author.checks import check, fail
from katakit.author.measure import Workload, assert_constant_work
from katakit.author.networks import shape_mistake
from katakit.author.values import as_array, close, returned


def layer_gradients(forward: Callable[..., np.ndarray], inputs: dict[str, np.ndarray],
                    dout: np.ndarray) -> dict[str, np.ndarray]:
    """Central finite differences (float64) of ``L = sum(dout * forward(**inputs))`` with
    respect to every array of ``inputs``: what a layer's backward must return for ``dout``.
    ``forward`` is the examiner's own (the reference's), so this runs in the examiner."""
    dout = np.asarray(dout, dtype=float)

    def loss(values: dict) -> float:
        return float(np.sum(dout * forward(**values)))
    return gradcheck.numerical_gradients(loss, inputs)


def as_arrays(value, shapes: dict[str, tuple], what: str, n: int | None = None) -> dict:
    """``value``, a tuple or list such as ``(dx, dgamma, dbeta)``, as a dict name -> float
    array of exactly ``shapes[name]`` (in that order), or a failure naming the classic
    mistake: the wrong number of parts, a transposed matrix, a per-parameter gradient of one
    entry per sample (summed over the wrong axis), kept 2-D, or summed to one number. ``n`` is
    the batch size of the call."""
    names = list(shapes)
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        fail(f"{what} should return the tuple ({', '.join(names)}), but it returned "
             f"{returned(value)}")
    arrays = {}
    for name, part in zip(names, value):
        shape = tuple(shapes[name])
        label = f"{name} (item {names.index(name) + 1} of what {what} returned)"
        got = np.shape(part) if isinstance(part, (np.ndarray, list, tuple, float, int)) \
            else None
        if got is not None and got != shape:
            why = shape_mistake(got, shape, n)
            if why:
                fail(f"{label} has shape {got} instead of {shape}: {why}")
        arrays[name] = as_array(part, shape, label)
    return arrays


def matching_variant(value, variants: dict[str, Callable[[], np.ndarray]],
                     rtol: float = 1e-7) -> str:
    """The meaning (a key of ``variants``) of the first known-wrong computation whose result
    equals ``value`` up to rounding, or ''. Each variant is a function, so that one that
    cannot be computed for these shapes (it raises) is simply skipped."""
    value = np.asarray(value, dtype=float)
    for meaning, compute in variants.items():
        try:
            with np.errstate(all="ignore"):
                wrong = np.asarray(compute(), dtype=float)
        except (ValueError, ZeroDivisionError, FloatingPointError, IndexError):
            continue
        if wrong.shape == value.shape and close(value, wrong, rtol=rtol):
            return meaning
    return ""


def no_loop_each(workloads_at: Callable[..., list[Workload]], over: str, sizes: dict,
                 advice: str, allowed: str = "", doc: str = "") -> Callable:
    """Like :func:`katakit.author.standard.no_loop`, for several workloads at once (a class's
    methods in one, a module function in another): ``workloads_at(rng, **sizes)`` returns the
    list, each counted at the small and the large size of ``over`` (the parameter given as a
    (small, large) pair) after a warm-up on other data, and each compared with the
    reference's results."""
    small = {k: v[0] if isinstance(v, tuple) else v for k, v in sizes.items()}
    large = {k: v[1] if isinstance(v, tuple) else v for k, v in sizes.items()}
    doc = doc or (f"No Python-level work grows with the number of {over} (loops, "
                  "comprehensions, builtins walking arrays, np.vectorize ...)"
                  + (f"; {allowed} may stay." if allowed else "."))

    def test(candidate, rng, reference):
        pairs = zip(zip(workloads_at(rng, **small), workloads_at(rng, **small)),
                    zip(workloads_at(rng, **large), workloads_at(rng, **large)))
        for (few, few_warmup), (many, many_warmup) in pairs:
            assert_constant_work(candidate, few.after(few_warmup), many.after(many_warmup),
                                 over, advice, reference)

    test.__doc__ = doc
    return check("vectorization")(test)


def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0) -> int:
    """floor((size + 2 * padding - kernel) / stride) + 1: the length of a convolution's
    output along one spatial axis (zero padding on both sides, no dilation)."""
    return (size + 2 * padding - kernel) // stride + 1


__all__ = ["as_arrays", "conv_output_size", "layer_gradients", "matching_variant",
           "no_loop_each"]
