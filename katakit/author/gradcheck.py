"""Finite-difference gradient checks, for any function or method that returns gradients.

Central differences in float64 (``eps`` about 1e-6): a correct backprop agrees to about 1e-9
relative error, the classic bugs (a missing 1/N, a wrong transpose, a mask from the wrong
tensor) are off by 0.25 or more, so the verdict needs no fine tuning. Choose probe data away
from kinks (ReLU at 0, a max with ties) where the derivative is not defined.

The function differentiated is usually the reference's loss, evaluated here in the examiner
(fast, trusted); :func:`relative_error` then compares the learner's analytic gradient with it.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

EPS = 1e-6
TOLERANCE = 1e-6  # relative error a correct float64 gradient stays far below


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray,
                       eps: float = EPS) -> np.ndarray:
    """d f / d x by central differences, one coordinate at a time (``x`` is not changed)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + eps
        up = float(f(x))
        x[index] = saved - eps
        down = float(f(x))
        x[index] = saved
        grad[index] = (up - down) / (2 * eps)
    return grad


def numerical_gradients(f: Callable[[dict], float], params: dict[str, np.ndarray],
                        eps: float = EPS) -> dict[str, np.ndarray]:
    """Every parameter's gradient of ``f(params)`` (a dict of arrays, e.g. W1, b1, W2, b2)."""
    params = {k: np.array(v, dtype=float) for k, v in params.items()}
    grads = {}
    for name in params:
        def along(value, name=name):
            return f({**params, name: value})
        grads[name] = numerical_gradient(along, params[name], eps)
    return grads


def relative_error(analytic, numeric) -> float:
    """max |a - n| / max(|a| + |n|, tiny): scale-free, 0 for equal arrays."""
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    scale = max(float(np.max(np.abs(analytic) + np.abs(numeric), initial=0.0)), 1e-12)
    return float(np.max(np.abs(analytic - numeric), initial=0.0)) / scale


def worst_parameter(analytic: dict, numeric: dict) -> tuple[str, float]:
    """The parameter whose analytic gradient is furthest from the numerical one."""
    errors = {name: relative_error(analytic[name], numeric[name]) for name in numeric}
    name = max(errors, key=errors.get)
    return name, errors[name]
