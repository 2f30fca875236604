"""Hidden checks for the mse_gradients kata.

Expected values are computed here, in the examiner's process, from the formulas and from
central finite differences; the learner's functions only ever run in the sandboxed worker.
"""

from __future__ import annotations

import numpy as np

from katakit.checking import as_array, as_float, check, close, data_note, fail, returned
from katakit.errors import LearnerRaised

TRACE_SLACK = 10  # interpreter events that may differ between two sizes of vectorized code
SPEED_RATIO = 40  # learner may be this many times slower than the reference before failing
SPEED_FLOOR_S = 0.25  # below this, a timing says nothing
MEMORY_RATIO, MEMORY_FLOOR = 20, 256 << 20
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
    d = X.shape[1]
    dw = as_vector(gradients[0], d, len(y), f"dw from mse_gradients {note}")
    db = as_scalar(gradients[1], len(y), f"db from mse_gradients {note}")
    return dw, db


def gap_text(yours, expected, d: int) -> str:
    """'largest difference 0.37 in dw[2] (yours 1.2, expected 0.83)' over np.append(dw, db)."""
    gap = np.abs(yours - expected)
    worst = int(np.argmax(gap))
    name = "db" if worst == d else f"dw[{worst}]"
    return (f"largest difference {gap[worst]:.3g} in {name} (yours {yours[worst]:.8g}, "
            f"expected {expected[worst]:.8g})")


def as_vector(value, length: int, n: int, what: str) -> np.ndarray:
    """Like as_array for (length,) results, naming the (n, 1) column-vector mistake."""
    shape = np.shape(value) if isinstance(value, (np.ndarray, list, tuple)) else None
    if shape and len(shape) == 2 and 1 in shape and max(shape) == length:
        fail(f"{what} has shape {shape}, a column/row vector; it should be 1-D with shape "
             f"({length},). Keep y, w and the residual 1-D (no reshape(-1, 1)).")
    if shape and len(shape) == 2 and n in shape and n != length:
        fail(f"{what} has shape {shape} instead of ({length},): the residual broadcast to an "
             "(n, n) matrix, so y or X @ w + b is a column vector (n, 1). Keep both 1-D; "
             "an (n, 1) minus an (n,) array silently gives (n, n).")
    return as_array(value, (length,), what)


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
        name = "db" if worst == d else f"dw[{worst}]"
        mistake = gradient_mistake(dw, db, X, y, w, b)
        fail(f"central finite differences (eps={FD_EPS:g}) of mean((X @ w + b - y)**2) give "
             f"{name} = {numeric[worst]:.8g}, yours is {yours[worst]:.8g}: relative error "
             f"{relative:.2g}, above {FD_RTOL:g}{'; ' + mistake if mistake else ''} {note}. "
             "Run `python workspace/mse_gradients.py` to compare on your own machine.")


# --- vectorization --------------------------------------------------------------------------

def python_work(candidate, n, d, rng):
    X, y, w, b = make_problem(rng, n, d)
    work = {"events": 0, "iterated": 0, "lines": {}}
    for call in ({"name": "mse", "args": [X @ w + b, y]},
                 {"name": "mse_gradients", "args": [X, y, w, b]}):
        found = candidate.trace([call])  # one call per trace, so an error names its function
        if found["events"] < 0:
            return found
        work["events"] += found["events"]
        work["iterated"] += found["iterated"]
        for line, count in found["lines"].items():
            work["lines"][line] = work["lines"].get(line, 0) + count
    return work


def assert_constant_work(candidate, rng, sizes, what):
    small, large = (python_work(candidate, n, d, rng) for n, d in sizes)
    if small["events"] < 0 or large["events"] < 0:
        fail("your code replaced the grader's trace function (sys.settrace), so its "
             "vectorization cannot be verified; remove that call")
    growth = large["events"] + large["iterated"] - small["events"] - small["iterated"]
    if growth <= TRACE_SLACK:
        return
    lines = {int(k): large["lines"].get(k, 0) - small["lines"].get(k, 0)
             for k in large["lines"]}
    worst = max(lines, key=lines.get, default=None)
    where = (f"line {worst} of your file runs {lines[worst]} more times"
             if worst is not None and lines[worst] > 0 else
             "a NumPy helper calls back into Python for each element "
             "(np.vectorize, np.apply_along_axis, np.frompyfunc?)")
    (n1, d1), (n2, d2) = sizes
    fail(f"Python-level work grows with the number of {what}: going from X {(n1, d1)} to "
         f"{(n2, d2)}, {where}. Replace the loop over {what} with whole-array operations "
         "(X @ w, X.T @ e, np.mean, e.sum()); finite_difference_gradients is a test tool, "
         "not a way to compute the gradient.")


@check("vectorization")
def test_no_loop_over_samples(candidate, rng):
    """No Python-level work grows with the number of samples (loops, comprehensions,
    builtins iterating arrays, np.vectorize ...)."""
    assert_constant_work(candidate, rng, ((64, 4), (512, 4)), "samples")


@check("vectorization")
def test_no_loop_over_features(candidate, rng):
    """No Python-level work grows with the number of features."""
    assert_constant_work(candidate, rng, ((64, 2), (64, 16)), "features")


# --- robustness -----------------------------------------------------------------------------

@check("robustness")
def test_inputs_untouched(candidate, rng, seed):
    """mse and mse_gradients leave their input arrays unchanged."""
    X, y, w, b = make_problem(rng, 30, 3)
    y_hat = X @ w + b
    for name, args, names in (("mse", (y_hat, y), ("y_hat", "y")),
                              ("mse_gradients", (X, y, w, b), ("X", "y", "w"))):
        _, after = candidate.call_returning_inputs(name, *args)
        for arg_name, before, now in zip(names, args, after):
            if now.shape != before.shape or not np.array_equal(now, before):
                fail(f"{name} modified its input {arg_name} in place (e.g. {arg_name} -= ..., "
                     f"{arg_name}[...] = ..., or assigning {arg_name}.shape); compute a new "
                     f"array instead: e = y_hat - y, not y_hat -= y "
                     f"{data_note(seed, X=X, y=y, w=w)}")


# --- performance ----------------------------------------------------------------------------

def fastest_call(process, seconds=30, give_up_after=np.inf, runs=5):
    """Minimum wall time of mse_gradients + mse on the stored data, and the peak memory."""
    stored = [{"__stored__": name} for name in ("X", "y", "w")]
    process.timed_call("mse_gradients", *stored, 0.5, seconds=seconds)  # warm-up
    times, peak = [], 0
    for _ in range(runs):
        _, grad_time, grad_peak = process.timed_call("mse_gradients", *stored, 0.5,
                                                     seconds=seconds)
        _, mse_time, mse_peak = process.timed_call("mse", {"__stored__": "y_hat"},
                                                   {"__stored__": "y"}, seconds=seconds)
        times.append(grad_time + mse_time)
        peak = max(peak, grad_peak, mse_peak)
        if times[-1] > give_up_after:  # hopelessly slow: more runs would only waste time
            break
    return min(times), peak


@check("performance")
def test_speed_at_scale(candidate, reference_process, rng):
    """mse and mse_gradients on 50,000 x 100 data run in time and memory comparable to the
    reference."""
    X, y, w, _ = make_problem(rng, 50_000, 100)
    for process in (reference_process, candidate):
        process.store(X=X, y=y, w=w, y_hat=X @ w + 0.5)
    reference_time, reference_peak = fastest_call(reference_process)
    budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    deadline = max(4 * budget, candidate.limits.call_seconds)
    try:
        learner_time, learner_peak = fastest_call(candidate, deadline, give_up_after=3 * budget)
        if budget < learner_time < 3 * budget:  # one retry: a busy machine slows either side
            reference_time = min(reference_time, fastest_call(reference_process)[0])
            learner_time = min(learner_time, fastest_call(candidate, deadline)[0])
            budget = max(SPEED_RATIO * reference_time, SPEED_FLOOR_S)
    except LearnerRaised as error:
        if error.type == "MemoryError" or "Unable to allocate" in error.text:
            fail(f"{error.message}. On X (50000, 100) your code ran out of memory: an (n, n) "
                 "intermediate? An (n, 1) y minus an (n,) vector broadcasts to 50000 x "
                 "50000 floats (20 GB). Keep y and the residual 1-D.")
        raise
    if learner_time > budget:
        fail(f"mse_gradients + mse on X (50000, 100) took {learner_time:.2f} s, "
             f"{learner_time / reference_time:.0f}x the reference ({reference_time:.3f} s): "
             "a loop over samples that never shows up as Python lines (map, functools.reduce, "
             "[*X]?) or large copies. Use whole-array operations.")
    if learner_peak > max(MEMORY_RATIO * reference_peak, reference_peak + MEMORY_FLOOR):
        fail(f"mse_gradients on X (50000, 100) allocated {learner_peak / 2**20:.0f} MiB at its "
             f"peak; the reference needs {reference_peak / 2**20:.0f} MiB. Avoid (n, n) "
             "intermediates and unnecessary copies of X.")
