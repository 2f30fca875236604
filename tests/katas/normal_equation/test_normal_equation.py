"""Hidden checks for the normal_equation kata.

Expected values come from np.linalg.lstsq on the design matrix [X 1], computed here in the
examiner's process; the learner's function only ever runs in the sandboxed worker behind
``candidate``. ``katakit.author.linear_solvers`` reads the learner's file (never imported) to
name the line of an explicit inverse, and diagnoses an inaccurate solve (a solver applied to
the normal matrix A^T A, a singular-value cut-off). The manifest turns LinAlgError (a singular A^T A) and an out-of-memory error (the full
U of an SVD) into advice.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, as_float, call, check, data_note, fail,
                            returned, standard, stored)
from katakit.author.linear_solvers import explicit_inverse_lines, source_tree, why_inaccurate
from katakit.author.precision import explain_gap

FUNCTION = "fit_normal_equation"
ILL_TOLERANCE = 1e-6  # relative error: SVD/QR solvers reach ~1e-9 here, normal equations ~1e-2
FIX = ("A = np.column_stack([X, np.ones(len(X))]); theta = np.linalg.lstsq(A, y, rcond=None)[0]; "
       "return theta[:-1], float(theta[-1])")


def design(X):
    return np.column_stack([X, np.ones(len(X))])


def least_squares(X, y):
    """The expected [w; b]: minimum-norm least squares on [X 1]."""
    return np.linalg.lstsq(design(X), y, rcond=None)[0]


def make_data(rng, n, d, noise=0.5):
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(size=d) + rng.normal() + noise * rng.normal(size=n)


def same(theta, expected) -> bool:
    scale = max(float(np.max(np.abs(expected))), 1.0)
    return bool(np.allclose(theta, expected, rtol=1e-7, atol=1e-9 * scale))


def fmt(vector) -> str:
    return np.array2string(np.asarray(vector), precision=4, separator=", ", threshold=8)


def norm(vector) -> float:
    return float(np.linalg.norm(vector))


def residual(X, y, theta) -> float:
    return norm(design(X) @ theta - y)


def gap(theta, expected) -> str:
    """The largest difference over theta = [w; b], naming the entry ('at b', 'at w[2]')."""
    index = int(np.argmax(np.abs(theta - expected)))
    name = "b" if index == len(theta) - 1 else f"w[{index}]"
    return explain_gap(theta, expected).replace(f" at index {index} (", f" at {name} (", 1)


def check_bias_present(theta, X, y, note) -> None:
    """Fail, naming it, when [w; b] is the least-squares fit of X alone with b = 0."""
    if theta[-1] == 0 and same(theta[:-1], np.linalg.lstsq(X, y, rcond=None)[0]):
        fail(f"w is the least-squares fit WITHOUT a bias term and b = 0: the column of ones is "
             f"missing. {gap(theta, least_squares(X, y))} {note}. Fix: {FIX}")


def as_pair(value, d: int, what: str) -> np.ndarray:
    """The learner's (w, b) as one vector theta = [w; b], naming the classic shape mistakes."""
    if isinstance(value, np.ndarray) and value.shape in ((d + 1,), (d + 1, 1)):
        fail(f"{what} returned one array of {d + 1} numbers (theta = [w; b]); return the pair "
             "(w, b): return theta[:-1], float(theta[-1])")
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"{what} should return the pair (w, b), but it returned {returned(value)}")
    w, b = value
    if np.ndim(b) == 1 and np.shape(b) == (d,) and np.ndim(w) == 0 and d > 1:
        fail(f"{what} returned (b, w): the order is (w, b)")
    if np.shape(w) == (d + 1,):
        fail(f"{what}: w has shape ({d + 1},); it still contains the bias coefficient. "
             "w = theta[:-1] (shape (d,)) and b = float(theta[-1])")
    if np.shape(w) == (d, 1):
        fail(f"{what}: w has shape ({d}, 1), a column vector; return it 1-D with shape ({d},) "
             "(keep y 1-D, or use .ravel())")
    if isinstance(b, np.ndarray) and b.shape in ((1,), (1, 1)):
        fail(f"{what}: b is an array of shape {b.shape}; return a float: float(theta[-1])")
    theta = np.append(as_array(w, (d,), f"w from {what}"), as_float(b, f"b from {what}"))
    if not np.all(np.isfinite(theta)):
        fail(f"{what} returned non-finite values (w = {fmt(theta[:-1])}, b = {theta[-1]}): "
             "an inverse of a singular X^T X? " + FIX)
    return theta


def fit(candidate, X, y, what=None) -> np.ndarray:
    value = candidate.call(FUNCTION, X, y)
    return as_pair(value, X.shape[1], what or f"{FUNCTION}(X, y)")


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n, d):
    X, y = make_data(rng, n, d)
    if n == d == 1:  # quarters: A^T A = [[x*x, x], [x, 1]] is exactly singular, at every seed
        X = rng.integers(1, 9, size=(1, 1)) / 4
    return Workload((call(FUNCTION, X, y),)), (lambda value, what: as_pair(value, d, what),)


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"n": n, "d": d} for n, d in ((1, 1), (5, 1), (7, 3), (3, 6), (40, 5))],
    doc="It returns (w, b) with w of shape (d,) and b a float, for one sample, one feature and "
        "more features than samples.")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_full_rank_solution(candidate, rng, seed):
    """On ordinary full-rank data, [w; b] is the least-squares solution with a bias term."""
    X, y = make_data(rng, 50, 4)
    note = data_note(seed, X=X, y=y)
    theta = fit(candidate, X, y)
    expected = least_squares(X, y)
    if same(theta, expected):
        return
    check_bias_present(theta, X, y, note)
    if same(theta, np.linalg.lstsq(np.column_stack([np.ones(len(X)), X]), y, rcond=None)[0]):
        fail(f"w and b are mixed up: the ones column is first in your A, but b is read from the "
             f"last entry of theta. b is the coefficient of the ones column and w those of "
             f"X's columns, in order. {gap(theta, expected)} {note}")
    if residual(X, y, theta) > residual(X, y, expected) * (1 + 1e-6):
        fail(f"[w; b] does not minimize the squared error: yours leaves a residual norm "
             f"{residual(X, y, theta):.6g}, the least-squares one {residual(X, y, expected):.6g}"
             f". {gap(theta, expected)} {note}. Fix: {FIX}")
    fail(f"[w; b] is not the least-squares solution: {gap(theta, expected)} {note}")


@check("correctness")
def test_rank_deficient_duplicate_column(candidate, rng, seed):
    """With a duplicated column (X^T X singular), it returns the finite minimum-norm solution:
    the two identical columns share their weight equally."""
    X, y = make_data(rng, 30, 3)
    X = np.column_stack([X, X[:, 0]])  # column 3 duplicates column 0
    note = data_note(seed, X=X, y=y)
    theta = fit(candidate, X, y, f"{FUNCTION}(X, y) with column 3 = column 0")
    expected = least_squares(X, y)
    if same(theta, expected):
        return
    check_bias_present(theta, X, y, note)
    if residual(X, y, theta) <= residual(X, y, expected) * (1 + 1e-6):
        fail(f"your [w; b] fits as well as possible, but it is not the minimum-norm solution: "
             f"columns 0 and 3 of X are identical, so only w[0] + w[3] = "
             f"{expected[0] + expected[3]:.6g} is determined, and the minimum-norm choice "
             f"splits it equally ({expected[0]:.6g} each). Yours: w[0] = {theta[0]:.6g}, "
             f"w[3] = {theta[3]:.6g}; ||theta|| = {norm(theta):.6g} instead of "
             f"{norm(expected):.6g} {note}. np.linalg.lstsq(A, y, rcond=None) and "
             "np.linalg.pinv(A) @ y return the minimum-norm solution.")
    fail(f"with a duplicated column, [w; b] is not a least-squares solution (residual norm "
         f"{residual(X, y, theta):.6g}, best {residual(X, y, expected):.6g}): "
         f"{gap(theta, expected)} {note}. Here X^T X is singular, and an inverse or solve of it "
         f"returns garbage when rounding hides the singularity. Fix: {FIX}")


def centred_solution(X, y):
    """Minimum ||w|| on centred data, then b from the means (min-norm over w only)."""
    w = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    return np.append(w, y.mean() - X.mean(axis=0) @ w)


@check("correctness")
def test_more_features_than_samples(candidate, rng, seed):
    """With more unknowns than samples (d + 1 > n), it returns the minimum-norm solution among
    the infinitely many that fit the data exactly, the bias included in the norm."""
    for n, d in ((5, 12), (1, 1)):
        X, y = make_data(rng, n, d)
        note = data_note(seed, X=X, y=y)
        theta = fit(candidate, X, y, f"{FUNCTION}(X, y) with n = {n}, d = {d}")
        expected = least_squares(X, y)
        if same(theta, expected):
            continue
        check_bias_present(theta, X, y, note)
        example = (f" With one sample x and one feature, the answer is [w, b] = y * [x, 1] / "
                   f"(x**2 + 1) = {fmt(expected)}." if n == 1 else "")
        if residual(X, y, theta) > 1e-6 * max(norm(y), 1.0):
            fail(f"with n = {n} samples and d + 1 = {d + 1} unknowns an exact fit exists, but "
                 f"yours leaves a residual norm {residual(X, y, theta):.3g} {note}: inverting "
                 "the singular X^T X returns garbage." + example + f" Fix: {FIX}")
        if same(theta, centred_solution(X, y)):
            fail(f"your [w; b] fits the data exactly, but it minimizes ||w|| only (centred data, "
                 f"then b = mean(y) - mean(X) @ w); the spec minimizes ||[w; b]||, the bias "
                 f"included: ||theta|| = {norm(theta):.6g} instead of {norm(expected):.6g} "
                 f"{note}.{example} Append the ones column and solve once: {FIX}")
        fail(f"your [w; b] fits the data exactly (as every solution does when d + 1 > n) but "
             f"is not the minimum-norm one: ||theta|| = {norm(theta):.6g}, minimum "
             f"{norm(expected):.6g} {note}. np.linalg.solve on X^T X picks an arbitrary "
             "solution, if any; lstsq and pinv pick the smallest." + example)


@check("correctness")
def test_ill_conditioned_accuracy(candidate, rng, seed):
    """On an ill-conditioned problem (cond([X 1]) ~ 3e7, exact data), [w; b] is accurate to
    1e-6, which SVD/QR solvers of [X 1] reach and the normal equations A^T A do not."""
    n, d = 60, 4
    X = rng.normal(size=(n, d))
    X[:, 1] = X[:, 0] + 1e-6 * rng.normal(size=n)  # nearly a copy of column 0
    X += 10.0  # far from the origin, so the ones column is nearly a combination of the others
    truth = rng.normal(size=d + 1)
    y = design(X) @ truth
    note = data_note(seed, X=X, y=y)
    theta = fit(candidate, X, y, f"{FUNCTION}(X, y) on ill-conditioned data")
    error = norm(theta - truth) / norm(truth)
    if error <= ILL_TOLERANCE:
        return
    check_bias_present(theta, X, y, note)
    stable = norm(least_squares(X, y) - truth) / norm(truth)
    fail(f"y = X @ w + b exactly, but your [w; b] has a relative error of {error:.1e} "
         f"(np.linalg.lstsq: {stable:.1e}; needed: {ILL_TOLERANCE:g}) {note}. With A = [X 1], "
         f"cond(A) = {np.linalg.cond(design(X)):.1e}: "
         f"{why_inaccurate(candidate, design(X), y, theta)}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d) -> Workload:
    return Workload((call(FUNCTION, *make_data(rng, n, d)),), label=f"X {(n, d)}")


LOOP_ADVICE = ("Build the design matrix in one go, A = np.column_stack([X, np.ones(len(X))]) "
               "(no loop, comprehension, or builtin such as sum or map over X), and let one "
               "solver call do the rest.")
test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 4},
                                             LOOP_ADVICE)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE)


# --- robustness -----------------------------------------------------------------------------

@check("robustness")
def test_no_explicit_inverse(candidate, rng):
    """Your file never uses np.linalg.inv (an explicit matrix inverse)."""
    candidate.call(FUNCTION, *make_data(rng, 6, 2))  # an unfinished stub is `todo`, not a pass
    tree, text = source_tree(candidate)
    lines = explicit_inverse_lines(tree) if tree is not None else []
    if lines:
        shown = "; ".join(f"line {i}: {text[i - 1].strip()[:80]}" for i in lines[:3])
        fail(f"your file uses an explicit inverse ({shown}). inv(X.T @ X) squares the condition "
             "number, fails on singular X^T X, and costs more than a solve. Solve the "
             "least-squares problem on A = [X 1] directly: np.linalg.lstsq(A, y, rcond=None)[0] "
             "or np.linalg.pinv(A) @ y.")


test_inputs_untouched = standard.inputs_untouched(
    lambda rng: [Workload((call(FUNCTION, *make_data(rng, 30, 3)),))],
    fix="Work on new arrays instead: A = np.column_stack([X, np.ones(len(X))]) is a fresh one.",
    doc="It leaves its input arrays X and y unchanged.")


# --- performance ----------------------------------------------------------------------------

N_BIG, D_BIG = 20_000, 30
test_speed_at_scale = standard.speed(
    lambda rng: dict(zip(("X", "y"), make_data(rng, N_BIG, D_BIG))),
    [(Workload((call(FUNCTION, stored("X"), stored("y")),)),
      f"{FUNCTION} on X ({N_BIG}, {D_BIG})")],
    "A loop over samples that never shows up as Python lines (map, [*X]?), or an (n, n) matrix "
    "such as the full U of np.linalg.svd(A) or a hat matrix A @ pinv(A)? Use "
    "np.linalg.lstsq(A, y, rcond=None) or np.linalg.svd(A, full_matrices=False).",
    doc=f"A fit on {N_BIG:,} x {D_BIG} data runs in time and memory comparable to the reference.")
