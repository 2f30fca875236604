"""Hidden checks for the normal_equation kata.

Expected values come from np.linalg.lstsq on the design matrix [X 1], computed here in the
examiner's process; the learner's function only ever runs in the sandboxed worker behind
``candidate``. The learner's file is read as text (never imported) for the static check.
"""

from __future__ import annotations

import ast
import contextlib

import numpy as np

from katakit.author import (as_array, as_float, check, data_note, fail, modified_input, returned,
                              worst_gap)
from katakit.candidate.errors import LearnerRaised
from katakit.author.measure import Workload, assert_comparable_speed, assert_constant_work, call, stored

FUNCTION = "fit_normal_equation"
ILL_TOLERANCE = 1e-6  # relative error: SVD/QR solvers reach ~1e-9 here, normal equations ~1e-3
FIX = ("A = np.column_stack([X, np.ones(len(X))]); theta = np.linalg.lstsq(A, y, rcond=None)[0]; "
       "return theta[:-1], float(theta[-1])")


def design(X):
    return np.column_stack([X, np.ones(len(X))])


def least_squares(X, y):
    """The expected [w; b]: minimum-norm least squares on [X 1]."""
    return np.linalg.lstsq(design(X), y, rcond=None)[0]


def make_data(rng, n, d, noise=0.5):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal() + noise * rng.normal(size=n)
    return X, y


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
    """checking.worst_gap over theta = [w; b], naming the entry: 'largest difference 0.37 at
    b (yours 1.2, expected 0.83)' where an index into theta would not say it is b."""
    index = int(np.argmax(np.abs(theta - expected)))
    name = "b" if index == len(theta) - 1 else f"w[{index}]"
    return worst_gap(theta, expected).replace(f" at index {index} (", f" at {name} (", 1)


def check_bias_present(theta, X, y, note) -> None:
    """Fail, naming it, when [w; b] is the least-squares fit of X alone with b = 0."""
    if theta[-1] == 0 and same(theta[:-1], np.linalg.lstsq(X, y, rcond=None)[0]):
        expected = least_squares(X, y)
        fail(f"w is the least-squares fit WITHOUT a bias term and b = 0: the column of ones is "
             f"missing. {gap(theta, expected)} {note}. Fix: {FIX}")


# --- calling the learner --------------------------------------------------------------------

@contextlib.contextmanager
def crash_advice():
    """Turn the classic crashes of a normal-equation solver into failures that say the fix."""
    try:
        yield
    except LearnerRaised as error:
        if error.type == "LinAlgError":
            fail(f"{error.message}. X^T X is singular here (a duplicated column, or more "
                 "columns than samples), so it has no inverse and np.linalg.solve / inv "
                 "cannot work. Solve the least-squares problem on A = [X 1] itself: "
                 "np.linalg.lstsq(A, y, rcond=None) or np.linalg.pinv(A) @ y, which return "
                 "the minimum-norm solution.")
        if error.type == "MemoryError":
            fail(f"{error.message}. Something of size n x n was allocated: "
                 "np.linalg.svd(A) defaults to full_matrices=True, whose U is (n, n); use "
                 "np.linalg.svd(A, full_matrices=False) (or np.linalg.lstsq / pinv).")
        if "read-only" in error.text:
            fail(f"{error.message}. X and y must not be modified in place; build new arrays "
                 "(A = np.column_stack([X, np.ones(len(X))]) makes a fresh one).")
        raise


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
    what = what or f"{FUNCTION}(X, y)"
    with crash_advice():
        value = candidate.call(FUNCTION, X, y)
    return as_pair(value, X.shape[1], what)


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """It returns (w, b) with w of shape (d,) and b a float, for one sample, one feature and
    more features than samples."""
    for n, d in ((1, 1), (5, 1), (7, 3), (3, 6), (40, 5)):
        X, y = make_data(rng, n, d)
        fit(candidate, X, y, f"{FUNCTION}(X, y) {data_note(seed, X=X, y=y)}")


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
    ones_first = np.linalg.lstsq(np.column_stack([np.ones(len(X)), X]), y, rcond=None)[0]
    if same(theta, ones_first):
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
    """On an ill-conditioned problem (cond([X 1]) ~ 1e7, exact data), [w; b] is accurate to
    1e-6, which SVD/QR solvers of [X 1] reach and the normal equations X^T X do not."""
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
    condition = np.linalg.cond(design(X))
    stable = norm(least_squares(X, y) - truth) / norm(truth)
    fail(f"y = X @ w + b exactly, but your [w; b] has a relative error of {error:.1e} "
         f"(np.linalg.lstsq: {stable:.1e}; needed: {ILL_TOLERANCE:g}) {note}. cond([X 1]) = "
         f"{condition:.1e}, so cond(A^T A) = {condition ** 2:.1e}: forming X^T X (with inv, or "
         "np.linalg.solve on the normal equations) squares the condition number and loses "
         "about twice as many digits. Solve with an SVD or QR of A itself: "
         "np.linalg.lstsq(A, y, rcond=None) or np.linalg.pinv(A) @ y.")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d) -> Workload:
    X, y = make_data(rng, n, d)
    return Workload((call(FUNCTION, X, y),), label=f"X {(n, d)}")


LOOP_ADVICE = ("Build the design matrix in one go, A = np.column_stack([X, np.ones(len(X))]) "
               "(no loop, comprehension, or builtin such as sum or map over X), and let one "
               "solver call do the rest.")


@check("vectorization")
def test_no_loop_over_samples(candidate, rng):
    """No Python-level work grows with the number of samples (loops, comprehensions,
    builtins iterating arrays, np.vectorize ...)."""
    with crash_advice():
        assert_constant_work(candidate, work_at(rng, 64, 4), work_at(rng, 512, 4), "samples",
                             LOOP_ADVICE)


@check("vectorization")
def test_no_loop_over_features(candidate, rng):
    """No Python-level work grows with the number of features."""
    with crash_advice():
        assert_constant_work(candidate, work_at(rng, 64, 2), work_at(rng, 64, 16), "features",
                             LOOP_ADVICE)


# --- robustness -----------------------------------------------------------------------------

def inverse_uses(source: str) -> list[int]:
    """Lines that import, call or reference a matrix inverse named ``inv``."""
    tree = ast.parse(source)
    names = {"inv"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "inv" for a in node.names):
            names |= {a.asname or a.name for a in node.names if a.name == "inv"}
            lines.append(node.lineno)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "inv":
            lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in names:
            lines.append(node.lineno)
    return sorted(set(lines))


@check("robustness")
def test_no_explicit_inverse(candidate, rng):
    """Your file never uses np.linalg.inv (an explicit matrix inverse)."""
    X, y = make_data(rng, 6, 2)
    with crash_advice():
        candidate.call(FUNCTION, X, y)  # an unfinished stub is `todo`, not a pass
    source = candidate.path.read_text(encoding="utf-8", errors="replace")
    lines = inverse_uses(source)
    if not lines:
        return
    text = source.splitlines()
    shown = "; ".join(f"line {i}: {text[i - 1].strip()[:80]}" for i in lines[:3])
    fail(f"your file uses an explicit inverse ({shown}). inv(X.T @ X) squares the condition "
         "number, fails on singular X^T X, and costs more than a solve. Solve the "
         "least-squares problem on A = [X 1] directly: np.linalg.lstsq(A, y, rcond=None)[0] "
         "or np.linalg.pinv(A) @ y.")


@check("robustness")
def test_inputs_untouched(candidate, rng, seed):
    """It leaves its input arrays X and y unchanged."""
    X, y = make_data(rng, 30, 3)
    with crash_advice():
        changed = modified_input(candidate, FUNCTION, (X, y), ("X", "y"))
    if changed:
        name = changed[0]
        fail(f"{FUNCTION} modified its input {name} in place (e.g. {name} -= ..., "
             f"{name}[...] = ..., {name}.resize or a reshape that writes back); work on "
             f"new arrays instead {data_note(seed, X=X, y=y)}")


# --- performance ----------------------------------------------------------------------------

N_BIG, D_BIG = 20_000, 30


@check("performance")
def test_speed_at_scale(candidate, reference_process, rng):
    """A fit on 20,000 x 30 data runs in time and memory comparable to the reference."""
    X, y = make_data(rng, N_BIG, D_BIG)
    with crash_advice():  # a MemoryError names the full U of np.linalg.svd(A)
        assert_comparable_speed(
            candidate, reference_process, {"X": X, "y": y},
            Workload((call(FUNCTION, stored("X"), stored("y")),)),
            f"{FUNCTION} on X ({N_BIG}, {D_BIG})",
            "A loop over samples that never shows up as Python lines (map, [*X]?), or an "
            "(n, n) matrix such as the full U of np.linalg.svd(A) or a hat matrix "
            "A @ pinv(A)? Use np.linalg.lstsq(A, y, rcond=None) or "
            "np.linalg.svd(A, full_matrices=False).")
