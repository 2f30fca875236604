"""Helpers for katas about linear models ``y_hat = X @ w + b`` trained by gradient descent.

Shared by linear_regression, ridge_regression and minibatch_sgd (gd_convergence uses the
Hessian and least-squares helpers), and any kata of that family: test data, the Hessian and
its stable learning rate, coercing a returned loss history, where fit starts (random
initialization, a reset inside fit: the most specific evidence, said first by every check that
compares losses), comparing trajectories and naming the known-wrong one, the family's checks
(first step, trajectory, continuing a fit, predict, and the standard ones built on
:mod:`katakit.author.standard`) and the `compare` scenario. Nothing here is specific to one
kata.
"""

from __future__ import annotations

import numpy as np

from katakit.author import precision, standard
from katakit.author.checks import check, fail
from katakit.author.measure import Workload, call, stored
from katakit.author.scenario import Metric
from katakit.author.values import (as_array, as_float, as_vector, close, data_note, returned,
                                   worst_gap)
from katakit.candidate.client import LearnerObject
from katakit.candidate.errors import LearnerRaised


def make_data(rng, n, d, noise=0.5, offset=0.0):
    """Random features and a noisy linear target (so no model fits it exactly)."""
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + offset + rng.normal() + noise * rng.normal(size=n)
    return X, y


def hessian(X, alpha=0.0, bias_penalized=False) -> np.ndarray:
    """Hessian of the loss in [w, b]: (2/n) [X 1]^T [X 1], plus 2 alpha on the diagonal of w
    (and of b too when ``bias_penalized``) for ridge."""
    n, d = X.shape
    design = np.column_stack([X, np.ones(n)])
    penalty = np.append(np.ones(d), 1.0 if bias_penalized else 0.0)
    return 2 / n * design.T @ design + 2 * alpha * np.diag(penalty)


def largest_stable_lr(X, alpha=0.0) -> float:
    """2 / the largest eigenvalue of the Hessian: gradient descent diverges above it."""
    return 2 / np.linalg.eigvalsh(hessian(X, alpha))[-1]


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


# --- where fit starts: the most specific evidence, said first ---------------------------------
#
# A model that does not start at zeros (random initialization) or a fit that does not start
# from the model's current parameters (it resets them) makes every later loss differ from the
# reference's. The checks that compare losses read the parameters fit starts from before
# anything else, so that each of them names that cause instead of guessing at the trajectory.

def parameters(model, d: int):
    """The model's ``(w, b)`` as a (d,) float array and a float, or None when they cannot be
    read that way (the shape checks say why)."""
    try:
        w, b = model.get("w"), model.get("b")
    except LearnerRaised:
        return None
    if isinstance(w, LearnerObject) or isinstance(b, (LearnerObject, str, bool)):
        return None
    try:
        w, b = np.asarray(w, dtype=float), float(np.asarray(b, dtype=float))
    except (TypeError, ValueError):
        return None
    return (w, b) if w.shape == (d,) else None


def fresh_model(candidate, cls: str, d: int, **init_kwargs):
    """A new ``cls(d, **init_kwargs)``, after checking that it starts at w = 0 and b = 0: with
    random initial weights every loss differs from the reference's, and each check that
    compares losses says so first."""
    model = candidate.new(cls, d, **init_kwargs)
    start = parameters(model, d)
    if start is not None and (np.any(start[0] != 0) or start[1] != 0):
        w, b = start
        shown = np.array2string(np.round(w, 4), separator=", ")
        fail(f"a new {cls}({d}) starts at w = {shown}, b = {b:.4g}: random initial weights "
             "instead of zeros, so every loss of fit differs from gradient descent's from "
             "zero, whatever the rest of your code does. Initialise "
             "self.w = np.zeros(n_features) and self.b = 0.0 in __init__ (see "
             "init_parameters).")
    return model


def loss_at(X, y, w, b, alpha=0.0) -> float:
    """The family's loss at (w, b): the MSE, plus alpha * np.sum(w**2) for ridge."""
    return float(np.mean((X @ w + b - y) ** 2) + alpha * np.sum(np.square(w)))


def restart_reason(first_loss, start, X, y, alpha=0.0) -> str:
    """'' unless ``first_loss`` (history[0] of a fit that began at ``start`` = (w, b), nonzero)
    is the loss at w = 0, b = 0: then fit reset the parameters."""
    if start is None or not (np.any(start[0] != 0) or start[1] != 0):
        return ""
    if close(first_loss, loss_at(X, y, *start, alpha)):
        return ""
    if close(first_loss, loss_at(X, y, np.zeros_like(start[0]), 0.0, alpha), rtol=1e-9):
        return ("fit started again from w = 0, b = 0 instead of the parameters the model "
                "held: do not reset w and b inside fit (set them once, in __init__), so that "
                "fit continues from the current parameters")
    return ""


def reference_history(reference, cls: str, X, y, init_kwargs=None, **fit_kwargs):
    """The reference model's loss history from a new ``cls(d, **init_kwargs)``."""
    model = getattr(reference, cls)(X.shape[1], **(init_kwargs or {}))
    return np.array(model.fit(X, y, **fit_kwargs), dtype=float)


def continues_check(cls: str, data_offset=0.0, fit_kwargs=None, n=50, lr=0.02,
                    name_variant=None, explain=None, **init_kwargs):
    """A second ``fit(epochs=5)`` continues where the first stopped: its history equals the
    reference's epochs 5-9 of one ``fit(epochs=10)``. When the histories differ for another
    reason than a reset, ``name_variant(history, X, y, lr, epochs, skip)`` (the kata's
    known-wrong trajectories, their first ``skip`` epochs left out) or ``explain(candidate)``
    may name the mistake."""
    fit_kwargs = {"lr": lr, **(fit_kwargs or {})}
    alpha = init_kwargs.get("alpha", 0.0)

    def test(candidate, reference, rng, seed):
        d = 3
        X, y = make_data(rng, n, d, offset=data_offset)
        model = fresh_model(candidate, cls, d, **init_kwargs)
        as_history(model.call("fit", X, y, epochs=5, **fit_kwargs), 5, "fit(X, y, epochs=5)")
        start = parameters(model, d)
        second = as_history(model.call("fit", X, y, epochs=5, **fit_kwargs), 5,
                            "a second fit(X, y, epochs=5)")
        expected = reference_history(reference, cls, X, y, init_kwargs, epochs=10,
                                     **fit_kwargs)[5:]
        if same_trajectory(second, expected):
            return
        late = reference_history(reference, cls, X, y, init_kwargs, epochs=11,
                                 **fit_kwargs)[6:]
        reason = (restart_reason(second[0], start, X, y, alpha)
                  or ("each loss is recorded after the update instead of before it"
                      if same_trajectory(second, late) else "")
                  or precision.cause(second, expected)
                  or (name_variant(second, X, y, lr, 10, 5) if name_variant else "")
                  or (explain(candidate) if explain else "")
                  or precision.explain_gap(second, expected))
        fail(f"after fit(epochs=5), a second fit(epochs=5) should pick up where the first "
             f"stopped (the reference's losses of epochs 5-9), but yours differ: {reason} "
             f"{data_note(seed, X=X, y=y)}")

    test.__doc__ = "A second call to fit continues from the current w and b instead of " \
                   "starting over."
    return check("convergence")(test)


# --- comparing loss histories ---------------------------------------------------------------

def first_difference(history, expected) -> int:
    """The first epoch at which two equally long histories differ beyond float re-ordering."""
    return int(np.argmax(~np.isclose(history, expected, rtol=1e-8,
                                     atol=1e-10 * abs(expected[0]), equal_nan=True)))


def closest_variant(history, replays: dict, scale: float, threshold=1e-5) -> str:
    """The meaning of the known-wrong history (``replays``: meaning -> a function replaying it)
    nearest to ``history``, relative to ``scale``, when it is within ``threshold``; else ''."""
    best, best_gap = "", np.inf
    for meaning, replay in replays.items():
        with np.errstate(all="ignore"):
            gap = float(np.nanmax(np.abs(replay() - history) / scale))
        if np.isfinite(gap) and gap < best_gap:
            best, best_gap = meaning, gap
    return best if best_gap < threshold else ""


def first_step_check(cls: str, gradient_mistake, data_offset=0.0, **init_kwargs):
    """From zero, the first loss is mean(y**2) and one epoch moves w to lr*(2/n) X.T @ y and b
    to lr*(2/n) np.sum(y) (a penalty on w is 0 there). ``gradient_mistake(kata, dw, db, X, y,
    y_hat, w, b)`` names what is wrong with the gradient the step was taken with, or ''."""
    alpha = init_kwargs.get("alpha", 0.0)
    penalty = " (the penalty is 0 at w = 0)" if alpha else ""

    def test(candidate, rng, seed, kata):
        n, d, lr = 30, 3, 0.05
        X, y = make_data(rng, n, d, offset=data_offset)
        note = data_note(seed, X=X, y=y)
        model = fresh_model(candidate, cls, d, **init_kwargs)
        history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
        w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
        first_loss = float(np.mean(y ** 2))
        expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
        if not close(history[0], first_loss, rtol=1e-12):
            meaning = precision.cause(history[0], first_loss)
            if close(history[0], loss_at(X, y, expected_w, expected_b, alpha)):
                meaning = "the loss after the update: record the loss first, then update"
            elif close(history[0], first_loss / 2):
                meaning = "half of it: the 1/(2n) convention; this spec uses plain MSE"
            fail(f"the first recorded loss is {history[0]:.12g}, but with w = 0 and b = 0 it "
                 f"must be mean(y**2) = {first_loss:.12g}{penalty}"
                 f"{': ' + meaning if meaning else ''} {note}")
        if close(w, 0) and close(b, 0):
            fail(f"after one epoch w and b are still zero: fit must update them {note}")
        if not (close(w, expected_w) and close(b, expected_b)):
            mistake = gradient_mistake(kata, -w / lr, -b / lr, X, y, np.zeros(n), np.zeros(d),
                                       0.0)
            fail(f"one epoch from zero should give w = lr*(2/n)*X.T@y and b = "
                 f"lr*(2/n)*np.sum(y){penalty}: "
                 f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))}"
                 f" (lr={lr}, {note[1:-1]}). Update with w = w - lr * dw, b = b - lr * db.")

    test.__doc__ = ("From zero parameters, the first loss is mean(y**2) and one epoch moves w "
                    "to lr * (2/n) X.T @ y and b to lr * (2/n) np.sum(y)"
                    + (" (the penalty gradient is 0 at w = 0)." if alpha else "."))
    return check("convergence")(test)


def trajectory_check(cls: str, name_variant, method: str, how: str, lr=0.02, epochs=40,
                     data_offset=0.0, **init_kwargs):
    """The whole loss history of a new model's ``fit`` equals the reference's (before
    convergence); ``name_variant(history, X, y, lr, epochs)`` names a known-wrong one, and
    ``how`` says what each epoch does."""
    shown = "".join(f"{k}={v}, " for k, v in init_kwargs.items())

    def test(candidate, reference, rng, seed):
        n, d = 80, 4
        X, y = make_data(rng, n, d, offset=data_offset)
        model = fresh_model(candidate, cls, d, **init_kwargs)
        history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                             f"fit(X, y, lr={lr}, epochs={epochs})")
        expected = reference_history(reference, cls, X, y, init_kwargs, lr=lr, epochs=epochs)
        if same_trajectory(history, expected):
            return
        differs = first_difference(history, expected)
        meaning = precision.cause(history, expected) or name_variant(history, X, y, lr, epochs)
        fail(f"the loss history is not {method}'s{': ' + meaning if meaning else ''}. It first "
             f"differs at epoch {differs}: yours {history[differs]:.10g}, expected "
             f"{expected[differs]:.10g} ({shown}lr={lr}, {data_note(seed, X=X, y=y)[1:-1]}). "
             f"{how}")

    test.__doc__ = f"The whole loss history, before convergence, follows {method}."
    return check("convergence")(test)


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
