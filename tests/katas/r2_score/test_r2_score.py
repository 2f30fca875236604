"""Hidden checks for the r2_score kata.

Expected values come from the reference solution imported here, in the examiner's process; the
learner's function only ever runs in the sandboxed worker behind ``candidate``. Each value check
uses data on which the classic wrong formulas give different numbers, so a wrong value can be
named. The manifest turns a ZeroDivisionError and an out-of-memory error into advice.
"""

from __future__ import annotations

import functools

import numpy as np

from katakit.author import Workload, as_float, call, check, close, data_note, fail, standard, stored
from katakit.author.precision import cause
from katakit.paths import dataset

FIX = ("ss_res = np.sum((y_true - y_pred) ** 2); ss_tot = np.sum((y_true - np.mean(y_true)) "
       "** 2); return float(1 - ss_res / ss_tot)")
CONSTANT_FIX = ("detect the constant target from the values: if np.ptp(y_true) == 0 (max == "
                "min), return 1.0 if ss_res == 0 else 0.0 (scikit-learn's convention); a "
                "tolerance relative to the targets' magnitude, np.std(y_true) <= 1e-12 * "
                "max(1.0, abs(np.mean(y_true))), works too")


def wrong_formulas(y_true, y_pred) -> dict:
    """The classic wrong versions of R², by what they get wrong (nan where undefined)."""
    n = len(y_true)
    with np.errstate(all="ignore"):
        ss_res = np.sum((y_true - y_pred) ** 2)
        ss_tot = np.sum((y_true - y_true.mean()) ** 2)
        r2 = 1 - ss_res / ss_tot
        corr = np.corrcoef(y_true, y_pred)[0, 1] if np.std(y_pred) > 0 else np.nan
        return {
            "SS_res / SS_tot: the `1 -` is missing (that is the fraction of variance NOT "
            "explained)": ss_res / ss_tot,
            "the arguments swapped: the signature is r2_score(y_true, y_pred), targets "
            "first, and only y_true enters SS_tot":
                1 - ss_res / np.sum((y_pred - y_pred.mean()) ** 2),
            "SS_tot computed around y_pred.mean(): the baseline is the mean of the TRUE "
            "values, np.mean(y_true)": 1 - ss_res / np.sum((y_true - y_pred.mean()) ** 2),
            "the squared correlation np.corrcoef(y_true, y_pred)[0, 1] ** 2: it ignores bias "
            "and scale and equals R² only for a least-squares fit scored on its own training "
            "data": corr ** 2,
            "the explained-variance ratio np.sum((y_pred - np.mean(y_true))**2) / SS_tot, "
            "which equals R² only for in-sample least squares":
                np.sum((y_pred - y_true.mean()) ** 2) / ss_tot,
            "R² clipped at 0: negative values are meaningful (worse than predicting the "
            "mean) and must be returned as they are": max(r2, 0.0),
            "the absolute value of R²: keep the sign": abs(r2),
            "a 1/n mean squared error over a ddof=1 variance (pandas' .var() default): use "
            "np.var(y_true) (ddof=0), or sums for both": 1 - (ss_res / n) / (ss_tot / (n - 1)),
            "a sum of squares divided by a variance (a mean): use sums for both, or means "
            "for both": 1 - ss_res / (ss_tot / n),
            "a mean squared error divided by a sum of squares: use sums for both, or means "
            "for both": 1 - (ss_res / n) / ss_tot,
            "SS_tot not centred: it is np.sum((y_true - np.mean(y_true))**2), not "
            "np.sum(y_true**2)": 1 - ss_res / np.sum(y_true ** 2),
        }


def mistake(value: float, y_true, y_pred, expected: float) -> str:
    for meaning, wrong in wrong_formulas(y_true, y_pred).items():
        if close(value, wrong):
            return meaning
    return cause(value, expected)


def as_r2(value, n: int, what: str) -> float:
    """One float, naming the array shapes that betray a missing sum or an (n, 1) vector."""
    if isinstance(value, np.ndarray) and value.ndim > 0:
        if value.shape == (n,):
            fail(f"{what} returned an array of shape ({n},), one number per sample: the sums "
                 "over the samples are missing (np.sum(...) of the squared differences)")
        if n in value.shape:
            fail(f"{what} returned an array of shape {value.shape}: an (n, 1) column vector "
                 "minus an (n,) vector broadcast to a matrix. Keep y_true and y_pred 1-D.")
        if value.size == 1:
            fail(f"{what} returned an array of shape {value.shape}, not a float: a sum with "
                 "axis=0 over a column (or keepdims=True) keeps one axis. Return "
                 "float(...) of the 1-D computation.")
    return as_float(value, what)


def call_r2(candidate, y_true, y_pred, note: str) -> float:
    value = candidate.call("r2_score", y_true, y_pred)
    return as_r2(value, len(y_true), f"r2_score(y_true, y_pred) {note}")


def assert_r2(candidate, reference, y_true, y_pred, seed, situation: str, extra: str = ""):
    """The learner's R² equals the reference's, else a message naming the mistake."""
    note = data_note(seed, y_true=y_true, y_pred=y_pred)
    value = call_r2(candidate, y_true, y_pred, note)
    expected = reference.r2_score(y_true, y_pred)
    if close(value, expected):
        return
    meaning = mistake(value, y_true, y_pred, expected)
    fail(f"{situation}: r2_score returned {value:.10g}, expected {expected:.10g}"
         f"{': ' + meaning if meaning else ''} {note}.{extra} Fix: {FIX}.")


def targets(rng, n, mean=3.0, spread=2.0):
    return mean + spread * rng.normal(size=n)


# --- shapes ---------------------------------------------------------------------------------

def finite_r2(n: int):
    def expect(value, what):
        if not np.isfinite(as_r2(value, n, what)):
            fail(f"{what} returned {value} on ordinary data")
    return expect


def shaped_calls(rng, n):
    y_true = targets(rng, n)
    return Workload((call("r2_score", y_true, y_true + rng.normal(size=n)),)), (finite_r2(n),)


test_returns_float = standard.output_shapes(
    shaped_calls, [{"n": 50}, {"n": 5}, {"n": 2}],
    doc="r2_score returns one finite float, for 2, 5 and 50 samples.")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_values_on_random_data(candidate, reference, rng, seed):
    """On random predictions with some bias and noise, R² = 1 - SS_res / SS_tot exactly."""
    y_true = targets(rng, 30)
    y_pred = y_true + 0.4 + 0.8 * rng.normal(size=30)
    assert_r2(candidate, reference, y_true, y_pred, seed, "noisy, slightly biased predictions")


@check("correctness")
def test_perfect_and_mean_predictions(candidate, rng, seed):
    """Perfect predictions score exactly 1; always predicting mean(y_true) scores 0."""
    # Multiples of 1/8, 16 of them: the sum and the mean are exact in floating point, so the
    # constant prediction has exactly zero spread (no rounding noise for formulas to amplify).
    y_true = np.round(targets(rng, 16) * 8) / 8
    note = data_note(seed, y_true=y_true, y_pred=y_true)
    value = call_r2(candidate, y_true, y_true.copy(), note)
    if not close(value, 1.0):
        meaning = mistake(value, y_true, y_true, 1.0)
        fail(f"r2_score(y, y) returned {value:.6g}; perfect predictions must give 1.0"
             f"{': ' + meaning if meaning else ''} {note}")
    baseline = np.full_like(y_true, y_true.mean())
    value = call_r2(candidate, y_true, baseline, note)
    if close(value, 0.0, atol_scale=1e-12):
        return
    meaning = mistake(value, y_true, baseline, 0.0)
    if np.isnan(value) and "correlation" in meaning:
        meaning += " (a constant prediction has no correlation at all, hence nan)"
    fail(f"r2_score(y, np.full(n, y.mean())) returned {value:.6g}; predicting the mean of the "
         f"targets everywhere is R²'s baseline and must give 0.0"
         f"{': ' + meaning if meaning else ''} {note}")


@check("correctness")
def test_negative_when_worse_than_mean(candidate, reference, rng, seed):
    """Predictions worse than the mean get a negative R², returned as is (no clipping)."""
    y_true = targets(rng, 40)
    center = y_true.mean()
    cases = ((center - 1.5 * (y_true - center) + 0.3 * rng.normal(size=40),
              "predictions that move against the targets"),
             (np.full(40, center + 3 * y_true.std()), "a constant far from the mean"))
    for y_pred, situation in cases:
        expected = reference.r2_score(y_true, y_pred)
        assert_r2(candidate, reference, y_true, y_pred, seed,
                  f"{situation} (worse than the mean: R² = {expected:.3g} < 0)",
                  " R² has no lower bound: SS_res > SS_tot gives a negative score.")


@check("correctness")
def test_not_squared_correlation(candidate, reference, rng, seed):
    """Biased or shrunk predictions, perfectly correlated with the targets, do not score 1."""
    y_true = targets(rng, 30)
    center = y_true.mean()
    for y_pred, situation in ((y_true + 1.5 * y_true.std(), "biased predictions y_true + c"),
                              (center + 0.5 * (y_true - center),
                               "shrunk predictions mean + 0.5 (y_true - mean)")):
        assert_r2(candidate, reference, y_true, y_pred, seed, f"{situation}, correlation 1",
                  " The correlation is 1 here, yet the predictions are off: R² measures "
                  "squared errors, the correlation only the linear association.")


@check("correctness")
def test_argument_order(candidate, reference, rng, seed):
    """y_true comes first: only the targets define SS_tot, so swapping the arguments (or
    centring on y_pred's mean) gives a different value."""
    y_true = targets(rng, 40, spread=3.0)
    y_pred = y_true.mean() + 0.5 + 0.4 * (y_true - y_true.mean()) + 0.3 * rng.normal(size=40)
    assert_r2(candidate, reference, y_true, y_pred, seed,
              "predictions with less spread than the targets")


def rounding_level(rng, n: int, scale: float, first: float | None = None) -> float:
    """A one-decimal value between scale / 10 and scale in size (``first`` if it qualifies)
    whose n copies have a rounded mean, hence SS_tot a tiny residue instead of exactly 0: a
    constant target that `ss_tot == 0` misses. At scale 1e6 their std is at least 1e-11, beyond
    an absolute 1e-12 tolerance."""
    value = first
    while value is None or np.full(n, value).mean() == value:
        value = round(float(rng.choice([-1, 1]) * rng.uniform(scale / 10, scale)), 1)
    return value


@check("correctness")
def test_constant_target(candidate, rng, seed):
    """All targets equal: 1.0 for perfect predictions, 0.0 otherwise — never nan, inf or an
    exception, also when the value, like 0.1, leaves SS_tot a rounding residue instead of an
    exact 0."""
    n = 20
    levels = (float(rng.integers(-5, 10)),  # an integer: the mean is exact, SS_tot exactly 0
              rounding_level(rng, n, 1.0, first=0.1),  # SS_tot about 4e-33, not 0
              rounding_level(rng, n, 50.0),
              rounding_level(rng, n, 1e6))  # large values: an absolute tolerance fails
    for level in levels:
        y_true = np.full(n, level)
        ss_tot = float(np.sum((y_true - np.mean(y_true)) ** 2))
        perfect, off = y_true.copy(), y_true + 0.1 * rng.normal(size=n)
        for y_pred, expected, situation in ((perfect, 1.0, "perfect predictions"),
                                            (off, 0.0, "imperfect predictions")):
            note = data_note(seed, y_true=y_true, y_pred=y_pred)
            value = call_r2(candidate, y_true, y_pred, note)
            if value == expected:
                continue
            where = f"constant target y_true = {level!r} everywhere, {situation}"
            if np.isnan(value) or np.isinf(value):
                why = "0 / 0" if expected == 1.0 else "SS_res / 0"
                fail(f"{where}: r2_score returned {value}, from dividing by SS_tot = 0 ({why}) "
                     f"{note}. Fix: {CONSTANT_FIX}.")
            if ss_tot != 0 and abs(value) > 1e3:
                test = ("an absolute tolerance such as np.std(y_true) < 1e-12 misses it, "
                        "because the residue grows with the values" if abs(level) >= 1e4 else
                        "a test of ss_tot == 0 (or np.var(y_true) == 0) misses it")
                fail(f"{where}: r2_score returned {value:.3g}, expected {expected}. In floating "
                     f"point SS_tot is not exactly 0 here but {ss_tot:.2g}: the mean of {n} "
                     f"copies of {level!r} is rounded ({level!r} has no exact binary form), so "
                     f"{test}, and SS_res / SS_tot explodes {note}. Fix: {CONSTANT_FIX}.")
            meaning = mistake(value, y_true, y_pred, expected)
            fail(f"{where}: r2_score returned {value:.6g}, expected {expected} (all targets "
                 f"equal: 1.0 if SS_res == 0, else 0.0){': ' + meaning if meaning else ''} "
                 f"{note}")


@functools.cache
def diabetes():
    data = np.loadtxt(dataset("diabetes.csv"), delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


@check("correctness")
def test_diabetes_holdout(candidate, reference, rng, seed):
    """A real regression: least squares fitted on 80% of the diabetes data (442 patients,
    10 features), R² of its predictions on the held-out 20%."""
    X, y = diabetes()
    order = rng.permutation(len(y))
    test, train = order[:len(y) // 5], order[len(y) // 5:]
    with_bias = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.lstsq(with_bias[train], y[train], rcond=None)[0]
    y_true, y_pred = y[test], with_bias[test] @ theta
    expected = reference.r2_score(y_true, y_pred)
    note = (f"(seed {seed}; diabetes split: {len(train)} train / {len(test)} test rows, "
            "least squares with a bias)")
    value = call_r2(candidate, y_true, y_pred, note)
    if close(value, expected):
        return
    meaning = mistake(value, y_true, y_pred, expected)
    fail(f"on the held-out diabetes patients, r2_score(y_test, predictions) returned "
         f"{value:.10g}, expected {expected:.10g}{': ' + meaning if meaning else ''} {note}. "
         f"The plain linear model reaches R² = {expected:.3f} on this split (over random "
         f"80/20 splits, typically 0.3 to 0.6, median about 0.49). Fix: {FIX}.")


# --- vectorization, robustness, performance -------------------------------------------------

def scored(rng, n: int, label: str = "") -> Workload:
    y_true = targets(rng, n)
    return Workload((call("r2_score", y_true, y_true + rng.normal(size=n)),), label=label)


test_no_loop_over_samples = standard.no_loop(
    lambda rng, n: scored(rng, n, f"{n} samples"), "samples", {"n": (64, 512)},
    "Replace the loop (or sum(...) / zip(...) over the arrays) with whole-array operations: "
    "np.sum((y_true - y_pred) ** 2), np.mean(y_true).")
test_inputs_untouched = standard.inputs_untouched(
    lambda rng: [scored(rng, 30)],
    fix="Compute new arrays instead: residual = y_true - y_pred, not y_pred -= y_true.",
    doc="r2_score leaves y_true and y_pred unchanged.")


def million(rng):
    y_true = targets(rng, 1_000_000)
    return {"y_true": y_true, "y_pred": y_true + rng.normal(size=len(y_true))}


test_speed_at_scale = standard.speed(
    million, [(Workload((call("r2_score", stored("y_true"), stored("y_pred")),)),
               "r2_score on 1,000,000 samples")],
    "If the vectorization check above names a loop, that loop is the cause; otherwise look "
    "for a loop over the samples that never shows up as Python lines (sum(), zip(), map()) or "
    "repeated copies, and use whole-array operations.",
    doc="r2_score on 1,000,000 samples runs in time and memory comparable to the reference.")
