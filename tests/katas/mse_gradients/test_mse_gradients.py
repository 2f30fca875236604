"""Hidden checks for the mse_gradients kata.

Expected values are computed here, in the examiner's process, from the formulas and from
central finite differences; the learner's functions only ever run in the sandboxed worker.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, fail, modified_input,
                              precision_note, returned, worst_gap)
from katakit.candidate.errors import LearnerRaised
from katakit.author.measure import Workload, assert_comparable_speed, assert_constant_work, call, stored

FD_EPS, FD_RTOL = 1e-6, 1e-6
EXACT_RTOL = 1e-12  # gradient_values: exact formula, float64
FIX_GRADIENT = ("e = X @ w + b - y; dw = (2 / n) * X.T @ e; db = (2 / n) * float(e.sum()) "
                "with n = X.shape[0]")


def make_problem(rng, n, d, scales=None):
    """Random X, y and a point (w, b) far from the optimum, so the gradient is not small."""
    X = rng.normal(size=(n, d)) * (1.0 if scales is None else np.asarray(scales))
    y = X @ rng.normal(size=d) + rng.normal() + 0.5 * rng.normal(size=n)
    w, b = rng.normal(size=d), float(1.5 + rng.normal())
    return X, y, w, b


def loss(X, y, w, b) -> float:
    return float(np.mean((X @ w + b - y) ** 2))


def exact_gradients(X, y, w, b):
    error = X @ w + b - y
    return 2 / len(y) * X.T @ error, 2 / len(y) * float(error.sum())


def finite_differences(X, y, w, b, eps=FD_EPS):
    """Central differences of the MSE, one parameter at a time (the stub's helper, trusted)."""
    dw = np.zeros(len(w))
    for j in range(len(w)):
        step = np.zeros(len(w))
        step[j] = eps
        dw[j] = (loss(X, y, w + step, b) - loss(X, y, w - step, b)) / (2 * eps)
    return dw, (loss(X, y, w, b + eps) - loss(X, y, w, b - eps)) / (2 * eps)


def call_gradients(candidate, X, y, w, b, note: str):
    """mse_gradients(X, y, w, b) as (dw, db) checked for shape, naming the shape mistakes."""
    try:
        gradients = candidate.call("mse_gradients", X, y, w, b)
    except LearnerRaised as error:
        if "matmul" in error.text or ("shapes" in error.text and "not aligned" in error.text):
            fail(f"{error.message}. X has shape (n, d) and the residual e has shape (n,): the "
                 "sum over samples for each feature is X.T @ e (shape (d,)), not X @ e. "
                 f"{note}")
        raise
    if not isinstance(gradients, (tuple, list)) or len(gradients) != 2:
        fail(f"mse_gradients should return the pair (dw, db), but it returned "
             f"{returned(gradients)} {note}")
    dw = as_vector(gradients[0], X.shape[1], f"dw from mse_gradients {note}")
    db = as_scalar(gradients[1], len(y), f"db from mse_gradients {note}")
    return dw, db


def parameter(index: int, d: int) -> str:
    """The name of entry ``index`` of np.append(dw, db): 'dw[2]' or 'db'."""
    return "db" if index == d else f"dw[{index}]"


def gap_text(yours, expected, d: int) -> str:
    """checking.worst_gap over np.append(dw, db), naming the entry ('in dw[2]', 'in db' rather
    than 'at index 3') and without its float32 note: gradient_mistake names an approximate
    gradient itself, and a finite-difference one (right to ~1e-10) is not single precision."""
    worst = int(np.argmax(np.abs(yours - expected)))
    text = worst_gap(yours, expected).replace(f" at index {worst} (",
                                              f" in {parameter(worst, d)} (", 1)
    return text.removesuffix(precision_note(yours, expected))


def as_scalar(value, n: int, what: str) -> float:
    """Like as_float, naming 'returned the per-sample array' and 'a 1-element array'."""
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim > 0:
        fail(f"{what} is an array of shape {value.shape}, not a float: the mean/sum over the "
             "samples is missing (with one sample it has one element), or keepdims=True / a "
             "column vector somewhere. Return float(...) of the 1-D computation.")
    if isinstance(value, np.ndarray) and value.ndim > 0 and n in value.shape:
        fail(f"{what} is an array of shape {value.shape}, not one float: the mean/sum over "
             "the samples is missing, or the residual broadcast to (n, n) because of an "
             "(n, 1) column vector. Return float(np.mean(...)) / float(e.sum()) of 1-D arrays.")
    return as_float(value, what)


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """mse returns a float; mse_gradients returns dw of shape (d,) and a float db, including
    for one sample and one feature."""
    for n, d in ((7, 3), (5, 1), (1, 4), (1, 1)):
        X, y, w, b = make_problem(rng, n, d)
        note = data_note(seed, X=X, y=y, w=w)
        as_scalar(candidate.call("mse", X @ w + b, y), n, f"mse(y_hat, y) {note}")
        call_gradients(candidate, X, y, w, b, note)


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_mse_values(candidate, rng, seed):
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
    known = {expected * n: "the sum of squared errors: divide by n (use np.mean)",
             expected / 2: "half the MSE, the 1/(2n) convention; this spec uses plain "
                           "np.mean((y_hat - y) ** 2)",
             np.sqrt(expected): "the root mean squared error: drop the square root",
             float(np.mean(np.abs(y_hat - y))): "the mean absolute error: square the errors",
             float(np.mean(y_hat - y)) ** 2: "the square of the mean error: square each "
                                             "error first, then average"}
    for candidate_value, meaning in known.items():
        if close(value, candidate_value):
            fail(f"mse returned {value:.6g}, {meaning} (expected {expected:.6g}) {note}")
    fail(f"mse returned {value:.6g}, expected mean((y_hat - y)**2) = {expected:.6g} {note}")


def gradient_mistake(dw, db, X, y, w, b) -> str:
    """Name the classic mistake that explains a wrong gradient, or ''."""
    n = len(y)
    expected_dw, expected_db = exact_gradients(X, y, w, b)
    mistakes = [(0.5, "half the right value: the factor 2 is missing (the 1/(2n) "
                      "convention)"),
                (-1, "of the wrong sign: the residual is X @ w + b - y, not y - (X @ w + b)"),
                (-0.5, "missing the factor 2 and of the wrong sign")]
    if n > 2:  # with one or two samples these factors collide with the ones above
        mistakes += [(n, "not divided by n (the gradient of the sum, not of the mean)"),
                     (n / 2, "missing both the 2 and the 1/n"),
                     (-n, "not divided by n and of the wrong sign")]
    for factor, meaning in mistakes:
        if close(dw, factor * expected_dw) and close(db, factor * expected_db):
            return f"the gradient is {meaning}"
    no_bias_dw, no_bias_db = exact_gradients(X, y, w, 0.0)
    if close(dw, no_bias_dw) and close(db, no_bias_db):
        return ("the gradient is that of mean((X @ w - y)**2): b is missing from the "
                "residual, which must be e = X @ w + b - y")
    yours, expected = np.append(dw, db), np.append(expected_dw, expected_db)
    if np.allclose(yours, expected, rtol=1e-5, atol=1e-8 * np.max(np.abs(expected))):
        relative = np.max(np.abs(yours - expected)) / np.max(np.abs(expected))
        return (f"the gradient is only approximately right (relative error {relative:.1g}): "
                "is it estimated numerically (finite differences) or computed in float32? "
                "Compute it exactly, in float64, with X.T @ e")
    if close(dw, expected_dw):
        return "dw is right but db is not (db = (2/n) * e.sum(), a float)"
    if close(db, expected_db):
        return "db is right but dw is not (dw = (2/n) * X.T @ e)"
    return ""


@check("correctness")
def test_gradient_values(candidate, rng, seed):
    """mse_gradients returns dw = (2/n) X.T @ (X @ w + b - y) and db = (2/n) sum(X @ w + b - y)."""
    n, d = 40, 3
    X, y, w, b = make_problem(rng, n, d)
    note = data_note(seed, X=X, y=y, w=w)
    dw, db = call_gradients(candidate, X, y, w, b, note)
    expected_dw, expected_db = exact_gradients(X, y, w, b)
    # Tight: float64 re-orderings differ by ~1e-15 relative, finite differences by >= 1e-11.
    if (close(dw, expected_dw, rtol=EXACT_RTOL, atol_scale=EXACT_RTOL)
            and close(db, expected_db, rtol=EXACT_RTOL, atol_scale=EXACT_RTOL)):
        return
    mistake = gradient_mistake(dw, db, X, y, w, b) or "wrong gradients"
    gap = gap_text(np.append(dw, db), np.append(expected_dw, expected_db), d)
    fail(f"{mistake}: {gap}; b = {b:.4g} {note}. Fix: {FIX_GRADIENT}.")


@check("correctness")
def test_gradient_matches_finite_differences(candidate, rng, seed):
    """The gradient agrees with central finite differences of the loss (eps = 1e-6, relative
    error below 1e-6), also with features on very different scales and a single sample."""
    for n, d, scales in ((30, 5, [1.0, 10.0, 0.1, 3.0, 1.0]), (200, 8, None), (1, 1, None)):
        X, y, w, b = make_problem(rng, n, d, scales)
        note = data_note(seed, X=X, y=y, w=w)
        dw, db = call_gradients(candidate, X, y, w, b, note)
        yours = np.append(dw, db)
        numeric = np.append(*finite_differences(X, y, w, b))
        relative = float(np.max(np.abs(yours - numeric)) / max(np.max(np.abs(numeric)), 1e-12))
        if relative < FD_RTOL:
            continue
        worst = int(np.argmax(np.abs(yours - numeric)))
        name = parameter(worst, d)
        mistake = gradient_mistake(dw, db, X, y, w, b)
        fail(f"central finite differences (eps={FD_EPS:g}) of mean((X @ w + b - y)**2) give "
             f"{name} = {numeric[worst]:.8g}, yours is {yours[worst]:.8g}: relative error "
             f"{relative:.2g}, above {FD_RTOL:g}{'; ' + mistake if mistake else ''} {note}. "
             "Run `python workspace/mse_gradients.py` to compare on your own machine.")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d) -> Workload:
    X, y, w, b = make_problem(rng, n, d)
    return Workload((call("mse", X @ w + b, y), call("mse_gradients", X, y, w, b)),
                    label=f"X {(n, d)}")


def loop_advice(what: str) -> str:
    return (f"Replace the loop over {what} with whole-array operations (X @ w, X.T @ e, "
            "np.mean, e.sum()); finite_difference_gradients is a test tool, not a way to "
            "compute the gradient.")


@check("vectorization")
def test_no_loop_over_samples(candidate, rng):
    """No Python-level work grows with the number of samples (loops, comprehensions,
    builtins iterating arrays, np.vectorize ...)."""
    assert_constant_work(candidate, work_at(rng, 64, 4), work_at(rng, 512, 4), "samples",
                         loop_advice("samples"))


@check("vectorization")
def test_no_loop_over_features(candidate, rng):
    """No Python-level work grows with the number of features."""
    assert_constant_work(candidate, work_at(rng, 64, 2), work_at(rng, 64, 16), "features",
                         loop_advice("features"))


# --- robustness -----------------------------------------------------------------------------

@check("robustness")
def test_inputs_untouched(candidate, rng, seed):
    """mse and mse_gradients leave their input arrays unchanged."""
    X, y, w, b = make_problem(rng, 30, 3)
    y_hat = X @ w + b
    for name, args, names in (("mse", (y_hat, y), ("y_hat", "y")),
                              ("mse_gradients", (X, y, w, b), ("X", "y", "w"))):
        changed = modified_input(candidate, name, args, names)
        if changed:
            arg_name = changed[0]
            fail(f"{name} modified its input {arg_name} in place (e.g. {arg_name} -= ..., "
                 f"{arg_name}[...] = ..., or assigning {arg_name}.shape); compute a new "
                 f"array instead: e = y_hat - y, not y_hat -= y "
                 f"{data_note(seed, X=X, y=y, w=w)}")


# --- performance ----------------------------------------------------------------------------

SPEED_ADVICE = ("A loop over samples that never shows up as Python lines (map, functools.reduce, "
                "[*X]?) or large copies? Use whole-array operations.")


@check("performance")
def test_speed_at_scale(candidate, reference_process, rng):
    """mse and mse_gradients on 50,000 x 100 data run in time and memory comparable to the
    reference."""
    X, y, w, _ = make_problem(rng, 50_000, 100)
    arrays = {"X": X, "y": y, "w": w, "y_hat": X @ w + 0.5}
    gradients = call("mse_gradients", stored("X"), stored("y"), stored("w"), 0.5)
    loss = call("mse", stored("y_hat"), stored("y"))
    try:  # one verdict per function: a Workload times only its last call
        assert_comparable_speed(candidate, reference_process, arrays, Workload((gradients,)),
                                "mse_gradients on X (50000, 100)", SPEED_ADVICE)
        assert_comparable_speed(candidate, reference_process, {}, Workload((loss,)),
                                "mse on y_hat and y (50000,)", SPEED_ADVICE)
    except LearnerRaised as error:
        if error.type == "MemoryError" or "Unable to allocate" in error.text:
            fail(f"{error.message}. On X (50000, 100) your code ran out of memory: an (n, n) "
                 "intermediate? An (n, 1) y minus an (n,) vector broadcasts to 50000 x "
                 "50000 floats (20 GB). Keep y and the residual 1-D.")
        raise
