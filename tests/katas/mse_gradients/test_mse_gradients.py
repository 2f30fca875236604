"""Hidden checks for the mse_gradients kata: module functions rather than a class, the gradient
checked against the formula and against central finite differences.

Expected values are computed here, in the examiner's process; the learner's functions only ever
run in the sandboxed worker behind ``candidate``. The manifest names the recognised wrong
factors ([mistakes.mse], [mistakes.gradient]) and the learner exceptions worth advice (X @ e
instead of X.T @ e; an (n, n) intermediate that runs out of memory).
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_float, as_vector, call, check, close, data_note,
                            factor_mistake, fail, gradcheck, returned, standard, stored)
from katakit.author.precision import cause, explain_gap

EXACT_RTOL = 1e-12  # float64 re-orderings differ by ~1e-15 relative, finite differences >= 1e-11
FIX_GRADIENT = ("e = X @ w + b - y; dw = (2 / n) * X.T @ e; db = (2 / n) * float(np.sum(e)) "
                "with n = X.shape[0]")


def make_problem(rng, n, d, scales=None):
    """Random X, y and a point (w, b) far from the optimum, so the gradient is not small."""
    X = rng.normal(size=(n, d)) * (1.0 if scales is None else np.asarray(scales))
    y = X @ rng.normal(size=d) + rng.normal() + 0.5 * rng.normal(size=n)
    return X, y, rng.normal(size=d), float(1.5 + rng.normal())


def exact_gradients(X, y, w, b):
    error = X @ w + b - y
    return 2 / len(y) * X.T @ error, 2 / len(y) * float(np.sum(error))


def as_scalar(value, n: int, what: str) -> float:
    """Like as_float, naming 'returned the per-sample array' and 'a 1-element array'."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim > 0:
        fail(f"{what} is an array of shape {value.shape}, not a float: keepdims=True, or a "
             "column vector somewhere (with one sample, a missing mean/sum also gives one "
             "element). Return float(...) of the 1-D computation.")
    if isinstance(value, np.ndarray) and value.ndim > 0 and n in value.shape:
        fail(f"{what} is an array of shape {value.shape}, not one float: the mean/sum over "
             "the samples is missing, or the residual broadcast to (n, n) because of an "
             "(n, 1) column vector. Return float(np.mean(...)) / float(np.sum(e)) of 1-D "
             "arrays.")
    return as_float(value, what)


def as_gradients(value, n: int, d: int, what: str):
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"{what} should return the pair (dw, db), but it returned {returned(value)}")
    return as_vector(value[0], d, f"dw from {what}"), as_scalar(value[1], n, f"db from {what}")


def call_gradients(candidate, X, y, w, b, note: str):
    return as_gradients(candidate.call("mse_gradients", X, y, w, b), len(y), X.shape[1],
                        f"mse_gradients {note}")


def gradient_mistake(kata, dw, db, X, y, w, b) -> str:
    """Name the classic mistake that explains a wrong gradient, or ''."""
    expected_dw, expected_db = exact_gradients(X, y, w, b)
    if all(map(close, (dw, db), exact_gradients(X, y, w, 0.0))):
        return ("the gradient is that of mean((X @ w - y)**2): b is missing from the "
                "residual, which must be e = X @ w + b - y")
    yours, expected = np.append(dw, db), np.append(expected_dw, expected_db)
    relative = float(np.max(np.abs(yours - expected)) / np.max(np.abs(expected)))
    if relative < 1e-5:
        why = cause(yours, expected)
        return (f"the gradient is only approximately right (relative error {relative:.1g})"
                + (f": {why}" if why else ", like a finite-difference estimate: compute it "
                   "exactly with X.T @ e, not numerically"))
    return factor_mistake(kata.mistakes["gradient"], {"dw": (dw, expected_dw),
                                                      "db": (db, expected_db)}, n=len(y))


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n, d):
    X, y, w, b = make_problem(rng, n, d)
    return (Workload((call("mse", X @ w + b, y), call("mse_gradients", X, y, w, b))),
            (lambda value, what: as_scalar(value, n, what),
             lambda value, what: as_gradients(value, n, d, what)))


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"n": 7, "d": 3}, {"n": 5, "d": 1}, {"n": 1, "d": 4}, {"n": 1, "d": 1}],
    doc="mse returns a float; mse_gradients returns dw of shape (d,) and a float db, including "
        "for one sample and one feature.")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_mse_values(candidate, rng, seed, kata):
    """mse(y_hat, y) is the mean squared error mean((y_hat - y)**2)."""
    n = 25
    y, y_hat = rng.normal(size=n), rng.normal(size=n)
    note = data_note(seed, y_hat=y_hat, y=y)
    value = candidate.call("mse", y_hat, y)
    if isinstance(value, np.ndarray) and value.shape == (n,):
        fail(f"mse returned an array of shape ({n},): the squared errors themselves. Average "
             f"them into one number: float(np.mean((y_hat - y) ** 2)) {note}")
    value = as_scalar(value, n, f"mse(y_hat, y) {note}")
    expected = float(np.mean((y_hat - y) ** 2))
    if close(value, expected):
        return
    known = {np.sqrt(expected): "the root mean squared error: drop the square root",
             float(np.mean(np.abs(y_hat - y))): "the mean absolute error: square the errors",
             float(np.mean(y_hat - y)) ** 2: "the square of the mean error: square each "
                                             "error first, then average"}
    meaning = factor_mistake(kata.mistakes["mse"], {"mse": (value, expected)}, "mse", n=n) or \
        next((f"mse is {text}" for wrong, text in known.items() if close(value, wrong)), "") or \
        cause(value, expected)
    fail(f"mse returned {value:.10g}, expected mean((y_hat - y)**2) = {expected:.10g}"
         f"{': ' + meaning if meaning else ''} {note}")


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """mse_gradients returns dw = (2/n) X.T @ (X @ w + b - y) and
    db = (2/n) np.sum(X @ w + b - y)."""
    X, y, w, b = make_problem(rng, 40, 3)
    note = data_note(seed, X=X, y=y, w=w)
    dw, db = call_gradients(candidate, X, y, w, b, note)
    expected_dw, expected_db = exact_gradients(X, y, w, b)
    if (close(dw, expected_dw, rtol=EXACT_RTOL, atol_scale=EXACT_RTOL)
            and close(db, expected_db, rtol=EXACT_RTOL, atol_scale=EXACT_RTOL)):
        return
    mistake = gradient_mistake(kata, dw, db, X, y, w, b) or "wrong gradients"
    gap = explain_gap(np.append(dw, db), np.append(expected_dw, expected_db))
    fail(f"{mistake}: {gap.replace(' at index 3 (', ' in db (')}; b = {b:.4g} {note}. "
         f"Fix: {FIX_GRADIENT}.")


@check("correctness")
def test_gradient_matches_finite_differences(candidate, rng, seed, kata):
    """The gradient agrees with central finite differences of the loss (eps = 1e-6, relative
    error below 1e-6), also with features on very different scales and a single sample."""
    for n, d, scales in ((30, 5, [1.0, 10.0, 0.1, 3.0, 1.0]), (200, 8, None), (1, 1, None)):
        X, y, w, b = make_problem(rng, n, d, scales)
        note = data_note(seed, X=X, y=y, w=w)
        yours = np.append(*call_gradients(candidate, X, y, w, b, note))
        numeric = gradcheck.numerical_gradients(
            lambda p: np.mean((X @ p["w"] + p["b"] - y) ** 2), {"w": w, "b": np.array(b)})
        numeric = np.append(numeric["w"], numeric["b"])
        relative = gradcheck.relative_error(yours, numeric)
        if relative < gradcheck.TOLERANCE:
            continue
        worst = int(np.argmax(np.abs(yours - numeric)))
        name = "db" if worst == d else f"dw[{worst}]"
        mistake = gradient_mistake(kata, yours[:-1], yours[-1], X, y, w, b)
        fail(f"central finite differences (eps={gradcheck.EPS:g}) of mean((X @ w + b - y)**2) "
             f"give {name} = {numeric[worst]:.8g}, yours is {yours[worst]:.8g}: relative "
             f"error {relative:.2g}, above {gradcheck.TOLERANCE:g}"
             f"{'; ' + mistake if mistake else ''} {note}. Run `python "
             "workspace/mse_gradients.py` to compare on your own machine.")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d) -> Workload:
    X, y, w, b = make_problem(rng, n, d)
    return Workload((call("mse", X @ w + b, y), call("mse_gradients", X, y, w, b)),
                    label=f"X {(n, d)}")


LOOP_ADVICE = ("Replace the loop with whole-array operations (X @ w, X.T @ e, np.mean, "
               "np.sum); finite_difference_gradients is a test tool, not a way to compute the "
               "gradient.")
test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 4},
                                             LOOP_ADVICE)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE)


# --- robustness and performance -------------------------------------------------------------

def probes(rng):
    X, y, w, b = make_problem(rng, 30, 3)
    return [Workload((call("mse", X @ w + b, y),)), Workload((call("mse_gradients", X, y, w, b),))]


test_inputs_untouched = standard.inputs_untouched(
    probes, fix="Compute new arrays instead: e = y_hat - y, not y_hat -= y.",
    doc="mse and mse_gradients leave their input arrays unchanged.")


def big_problem(rng):
    X, y, w, _ = make_problem(rng, 50_000, 100)
    return {"X": X, "y": y, "w": w, "y_hat": X @ w + 0.5}


test_speed_at_scale = standard.speed(
    big_problem,
    [(Workload((call("mse_gradients", stored("X"), stored("y"), stored("w"), 0.5),)),
      "mse_gradients on X (50000, 100)"),
     (Workload((call("mse", stored("y_hat"), stored("y")),)), "mse on y_hat and y (50000,)")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map, functools.reduce, [*X]) or large copies, "
    "and use whole-array operations.",
    doc="mse and mse_gradients on 50,000 x 100 data run in time and memory comparable to the "
        "reference.")
