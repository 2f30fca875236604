"""Invariance probes: what must hold whatever valid choice a learner made.

A permutation of the samples permutes the answer (kNN, k-means, attention without a mask); a
shift of the inputs leaves it unchanged (softmax, batch norm) or shifts it (k-means
centroids); a strictly increasing transform of the scores leaves a ranking metric unchanged
(AUC); a change to future positions leaves earlier outputs bit-identical (causal attention).
These helpers build the transformed inputs and say, in a learner's words, how the answer
broke the rule.
"""

from __future__ import annotations

import numpy as np

from katakit.author.values import close, worst_gap


def permutation(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random permutation of range(n) that moves every element when n > 1 (a derangement),
    so an answer that ignores the order cannot pass by luck."""
    if n < 2:
        return np.arange(n)
    while True:
        order = rng.permutation(n)
        if np.all(order != np.arange(n)):
            return order


def inverse(order: np.ndarray) -> np.ndarray:
    """The permutation that undoes ``order``: x[order][inverse(order)] == x."""
    undo = np.empty_like(order)
    undo[order] = np.arange(len(order))
    return undo


def strictly_increasing(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random strictly increasing transform of ``values`` (ties stay ties): a monotone
    piecewise-linear map with random slopes, then an exponential."""
    distinct = np.unique(values)
    slopes = rng.uniform(0.2, 5.0, size=len(distinct))
    mapped = np.cumsum(slopes * np.diff(distinct, prepend=distinct[0] - 1.0))
    return np.exp(np.interp(values, distinct, mapped / max(mapped[-1], 1e-12) * 5.0))


def perturb_after(x: np.ndarray, position: int, axis: int, rng: np.random.Generator,
                  scale: float = 10.0) -> np.ndarray:
    """A copy of ``x`` with every entry at index > ``position`` along ``axis`` replaced by
    large random values (a causal model's earlier outputs must not change)."""
    changed = np.array(x, dtype=float, copy=True)
    index = [slice(None)] * changed.ndim
    index[axis] = slice(position + 1, None)
    changed[tuple(index)] = scale * rng.normal(size=changed[tuple(index)].shape)
    return changed


def equal_after(actual, expected, what: str, rtol: float = 1e-9) -> str:
    """'' when ``actual`` equals ``expected`` up to float rounding, else a sentence naming
    ``what`` was supposed to hold and the largest difference."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    if actual.shape == expected.shape and close(actual, expected, rtol=rtol):
        return ""
    if actual.shape != expected.shape:
        return f"{what}, but the shapes differ ({actual.shape} vs {expected.shape})"
    return f"{what}, but they differ: {worst_gap(actual, expected)}"


def bit_identical(actual, expected) -> bool:
    """Exactly equal, NaN included (for outputs that must not move at all)."""
    actual, expected = np.asarray(actual), np.asarray(expected)
    return actual.shape == expected.shape and bool(np.array_equal(actual, expected,
                                                                  equal_nan=True))
