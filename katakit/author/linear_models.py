"""Helpers for katas about linear models ``y_hat = X @ w + b`` trained by gradient descent.

Shared by linear_regression, ridge_regression and minibatch_sgd (and any kata of that family):
test data, coercing a returned loss history, comparing trajectories, the predict check, the
family's standard checks (built on :mod:`katakit.author.standard`) and the `compare` scenario.
Nothing here is specific to one kata.
"""

from __future__ import annotations

import numpy as np

from katakit.author import standard
from katakit.author.checks import fail
from katakit.author.measure import Workload, call, stored
from katakit.author.scenario import Metric
from katakit.author.values import (as_array, as_float, as_vector, close, data_note, returned,
                                   worst_gap)
from katakit.candidate.client import LearnerObject


def make_data(rng, n, d, noise=0.5, offset=0.0):
    """Random features and a noisy linear target (so no model fits it exactly)."""
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + offset + rng.normal() + noise * rng.normal(size=n)
    return X, y


def largest_stable_lr(X) -> float:
    """2 / largest eigenvalue of the MSE Hessian (2/n) [X 1]^T [X 1]."""
    design = np.column_stack([X, np.ones(len(X))])
    return 2 / np.linalg.eigvalsh(2 / len(X) * design.T @ design)[-1]


def as_history(value, epochs: int, what="fit(...)") -> np.ndarray:
    """A returned loss history as a float array of ``epochs`` entries, naming classic mistakes
    (returning self, a list of arrays, one loss per batch)."""
    if isinstance(value, LearnerObject) and value.is_self:
        fail(f"{what} returned self; the spec asks for the loss history: collect the loss of "
             "each epoch in a list and `return history`")
    if not isinstance(value, (list, tuple, np.ndarray)):
        fail(f"{what} should return a list of {epochs} losses, but it returned "
             f"{returned(value)}")
    if any(isinstance(v, (LearnerObject, np.ndarray)) and np.ndim(v) > 0 for v in value):
        fail(f"{what} should return a list of float losses, but its items are arrays: "
             "append float(loss), not an array")
    epochs_text = f"{epochs} epoch{'s' * (epochs != 1)}"
    if len(value) == epochs + 1:
        fail(f"{what} returned {len(value)} losses for {epochs_text}: one loss per epoch, "
             "recorded before that epoch's update; do not append the final loss after the loop")
    if len(value) > epochs and len(value) % epochs == 0:
        fail(f"{what} returned {len(value)} losses for {epochs_text}: return the losses of "
             "this call only, one per epoch (the full-data loss before the epoch's updates): "
             "start a new list inside fit, and record once per epoch, not once per batch")
    return as_array(value, (epochs,), f"the loss history returned by {what}")


def same_trajectory(history, expected) -> bool:
    """Equal up to float64 re-ordering (rtol 1e-8, atol 1e-10 of the first loss), with the same
    finite/non-finite pattern; a purely relative test would break when the loss reaches 0."""
    finite = np.isfinite(expected)
    if not np.array_equal(finite, np.isfinite(history)):
        return False
    return bool(np.allclose(history[finite], expected[finite], rtol=1e-8,
                            atol=1e-10 * abs(expected[0])))


def check_predict_values(candidate, rng, seed, class_name, **init_kwargs) -> None:
    """predict(X) must equal X @ w + b for parameters set from outside."""
    X, _ = make_data(rng, 20, 3)
    w, b = rng.normal(size=3), float(rng.normal())
    model = candidate.new(class_name, 3, **init_kwargs)
    model.set("w", w)
    model.set("b", b)
    y_hat = as_vector(model.call("predict", X), 20, "predict(X)")
    if not close(y_hat, X @ w + b):
        hint = " (b is missing)" if close(y_hat, X @ w) else ""
        fail(f"predict(X) is not X @ w + b{hint}: {worst_gap(y_hat, X @ w + b)} "
             f"{data_note(seed, X=X)}")


def least_squares(X, y):
    """The exact optimum [w, b] of the MSE and the loss there."""
    design = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(design, y, rcond=None)[0]
    return theta, float(np.mean((design @ theta - y) ** 2))


def compare_fit(candidate, rng, class_name, optimum, init_kwargs=None, fit_kwargs=None,
                n=400, d=5, lr=0.05, epochs=300, tolerance=1e-6):
    """What `compare` shows for a model trained by ``fit``: final loss and parameters, distance
    to ``optimum(X, y) -> (theta, best loss)``, epochs to get within ``tolerance`` of the
    initial excess loss, and time per epoch on 20000 x 20 data; the curve is the excess loss."""
    init_kwargs, fit_kwargs = init_kwargs or {}, fit_kwargs or {}
    X, y = make_data(rng, n, d)
    model = candidate.new(class_name, d, **init_kwargs)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs, **fit_kwargs), epochs)
    w, b = as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b")
    theta, best_loss = optimum(X, y)
    excess = history - best_loss
    reached = np.flatnonzero(excess <= tolerance * excess[0])
    big = rng.normal(size=(20_000, 20))
    candidate.store(X=big, y=big @ rng.normal(size=20))
    timer = candidate.new(class_name, 20, **init_kwargs)
    seconds = min(timer.timed_call("fit", stored("X"), stored("y"), epochs=20,
                                   **fit_kwargs)[1].seconds for _ in range(3))
    metrics = [
        Metric("final loss", float(history[-1])),
        Metric("w", np.array2string(w, precision=4, separator=", ")),
        Metric("b", round(b, 6)),
        Metric("gap to the optimum |[w,b] - opt|", float(np.linalg.norm(np.append(w, b) -
                                                                        theta))),
        Metric(f"epochs to within {tolerance:g} of optimum",
               int(reached[0]) if reached.size else f"> {epochs}"),
        Metric("ms per epoch (20000 x 20)", 1000 * seconds / 20, ratio=True),
    ]
    return metrics, {"loss above the optimum": excess}


# --- the standard checks of the family, built on katakit.author.standard ----------------------

EDGE_SIZES = ({"n": 1, "d": 1}, {"n": 1, "d": 4}, {"n": 5, "d": 1}, {"n": 7, "d": 3})


def zero_init_check(cls: str, why_zeros: str, **init_kwargs):
    """A new model starts at w = zeros(d) and b = 0.0, for d = 1 with the spec's defaults and
    for d = 4 with ``init_kwargs``; ``why_zeros`` ends the message when it does not."""
    return standard.initial_state(
        cls, [((1,), {}), ((4,), init_kwargs)], lambda d: {"w": np.zeros(d), "b": 0.0},
        f"A random initialization? {why_zeros}",
        doc="A new model starts at w = zeros(n_features) and b = 0.0.")


def output_shapes_check(cls: str, data_offset=0.0, **init_kwargs):
    """predict, compute_loss, compute_gradients and fit return the right shapes and types,
    one sample and one feature included."""
    def shaped_calls(rng, n, d):
        X, y = make_data(rng, n, d, offset=data_offset)
        y_hat = rng.normal(size=n)
        workload = Workload((call("predict", X), call("compute_loss", y_hat, y),
                             call("compute_gradients", X, y, y_hat),
                             call("fit", X, y, lr=0.01, epochs=3)), cls, (d,),
                            init_kwargs=init_kwargs)
        return workload, (standard.vector(n), standard.scalar,
                          standard.pair(standard.vector(d), standard.scalar),
                          lambda value, what: as_history(value, 3, what))
    return standard.output_shapes(
        shaped_calls, EDGE_SIZES,
        doc="predict, compute_loss, compute_gradients and fit return the right shapes and "
            "types, including one sample and one feature.")


def inputs_untouched_check(cls: str, data_offset=0.0, **init_kwargs):
    """predict, compute_loss, compute_gradients and fit leave their input arrays unchanged."""
    def probes(rng):
        X, y = make_data(rng, 30, 3, offset=data_offset)
        y_hat = rng.normal(size=30)
        return [Workload((c,), cls, (3,), init_kwargs=init_kwargs) for c in (
            call("predict", X), call("compute_loss", y_hat, y),
            call("compute_gradients", X, y, y_hat), call("fit", X, y, epochs=3))]
    return standard.inputs_untouched(
        probes, doc="predict, compute_loss, compute_gradients and fit leave their input "
                    "arrays unchanged.")


def work_at(cls: str, data_offset=0.0, **init_kwargs):
    """The vectorization workload of the family: every method once, and 3 epochs of fit."""
    def workload(rng, n, d):
        X, y = make_data(rng, n, d, offset=data_offset)
        y_hat = rng.normal(size=n)
        return Workload((call("predict", X), call("compute_loss", y_hat, y),
                         call("compute_gradients", X, y, y_hat),
                         call("fit", X, y, lr=0.01, epochs=3)), cls, (d,), f"X {(n, d)}",
                        init_kwargs=init_kwargs)
    return workload


def big_data(n=100_000, d=20, data_offset=0.0):
    def data(rng):
        X, y = make_data(rng, n, d, offset=data_offset)
        return {"X": X, "y": y}
    return data


def speed_check(cls: str, data_offset=0.0, **init_kwargs):
    """fit on 100,000 x 20 data, timed against the reference."""
    data = (stored("X"), stored("y"))
    workload = Workload((call("fit", *data, epochs=1), call("fit", *data, lr=0.01, epochs=10)),
                        cls, (20,), init_kwargs=init_kwargs)
    return standard.speed(
        big_data(data_offset=data_offset), [(workload, "10 epochs of fit on X (100000, 20)")],
        "If a vectorization check above names a loop, that loop is the cause; otherwise look "
        "for a loop that never shows up as Python lines (map, functools.reduce, [*X]) or large "
        "copies of X made every epoch, and use whole-array operations.",
        doc="fit on 100,000 x 20 data runs in time and memory comparable to the reference.")
