"""Hidden checks for the standardize kata.

Expected values are computed here, in the examiner's process, with the reference solution's
formulas; the learner's class only ever runs in the sandboxed worker behind ``candidate``. The
manifest turns the classic crash (statistics that do not broadcast: the wrong axis) into advice.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, call, check, close, data_note, fail, returned,
                            standard, stored, worst_gap)
from katakit.author.precision import cause, explain_gap, single_precision
from katakit.candidate.client import LearnerObject

CLASS = "Standardizer"
FIX = ("fit: self.mean_ = X.mean(axis=0); std = X.std(axis=0); "
       "self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std). "
       "transform: return (X - self.mean_) / self.std_")
CONSTANT_FIX = ("decide it from the values: constant = np.ptp(X, axis=0) == 0 (max == min), "
                "then std_ = np.where(constant, 1.0, std); a tolerance relative to the "
                "column's magnitude, std <= 1e-12 * np.maximum(1.0, np.abs(mean)), works too")


def make_data(rng, n, d, shift=0.0, stretch=1.0):
    """Columns with very different centres and spreads, so per-column and global statistics
    differ; ``shift`` (in units of each column's spread) and ``stretch`` move a test set."""
    centre = rng.uniform(-50, 50, size=d)
    spread = rng.uniform(0.5, 20, size=d)
    return centre + shift * spread + stretch * spread * rng.normal(size=(n, d)), (centre, spread)


def like(rng, columns, n, shift=0.0, stretch=1.0):
    """More rows drawn from the same columns as a previous make_data (a test set)."""
    centre, spread = columns
    return centre + shift * spread + stretch * spread * rng.normal(size=(n, len(centre)))


def statistics(X, ddof=0):
    return X.mean(axis=0), np.where(np.ptp(X, axis=0) == 0, 1.0, X.std(axis=0, ddof=ddof))


def rounding_constant(rng, n: int, scale: float, first: float | None = None) -> float:
    """A one-decimal value between scale / 10 and scale in size (``first`` if it qualifies)
    whose n copies have a nonzero computed std, whichever way NumPy sums them (pairwise along a
    vector, row by row down a column): a constant column that a bare `std == 0` test misses.
    At scale 1e6 the residue is at least 1e-11, beyond an absolute 1e-12 tolerance."""
    def rounded(value):
        matrix = np.full((n, 3), value)
        return (matrix[:, 0].mean() != value and matrix.mean(axis=0)[0] != value
                and np.full(n, value).mean() != value)
    value = first
    while value is None or not rounded(value):
        value = round(float(rng.choice([-1, 1]) * rng.uniform(scale / 10, scale)), 1)
    return value


# --- diagnosis ------------------------------------------------------------------------------

def known_mistakes(X_fit, X):
    """What transform(X) returns after fit(X_fit) for each classic mistake."""
    mean, std = statistics(X_fit)
    own_mean, own_std = X.mean(axis=0), X.std(axis=0)
    recomputed = ("it recomputes the mean and std from the data given to transform instead of "
                  "using the statistics stored by fit: transform must only read self.mean_ "
                  "and self.std_")
    with np.errstate(all="ignore"):
        yield recomputed, (X - own_mean) / np.where(own_std == 0, 1.0, own_std)
        yield recomputed, (X - own_mean) / own_std
        yield ("the std is the sample std (ddof=1, divide by n - 1); the spec uses the "
               "population std (ddof=0, np.std's default)",
               (X - mean) / statistics(X_fit, ddof=1)[1])
        yield ("one mean and one std over ALL entries (no axis): they must be per column, "
               "X.mean(axis=0) and X.std(axis=0)", (X - X_fit.mean()) / X_fit.std())
        if X.shape == X_fit.shape:
            yield ("one mean and one std per ROW (axis=1); they must be per column, "
                   "X.mean(axis=0) and X.std(axis=0)", (X - X.mean(axis=1, keepdims=True))
                   / X.std(axis=1, keepdims=True))
        yield "it divides by the variance instead of the std", (X - mean) / std ** 2
        yield "it only centres: divide by std_ too", X - mean
        yield "it does not subtract the mean", X / std


def diagnose(out, X_fit, X, what, note) -> None:
    """Fail with the classic mistake ``out`` matches, else with the largest gap."""
    mean, std = statistics(X_fit)
    expected = (X - mean) / std
    if close(out, expected):
        return
    for meaning, values in known_mistakes(X_fit, X):
        if close(out, values):
            fail(f"{what} is wrong: {meaning} ({worst_gap(out, expected)}) {note}")
    bad = ~np.isfinite(out)
    if bad.any():
        column = int(np.argmax(bad.any(axis=0)))
        fail(f"{what} contains nan/inf (column {column}, yours {out[:, column][:3]}...) where "
             f"the expected values are finite {note}: a zero std somewhere? A std must only "
             "come from the training data, and a zero one is stored as 1.0.")
    if close(out, expected, rtol=1e-5) and not cause(out, expected):
        fail(f"{what} is off by a tiny relative amount ({explain_gap(out, expected)}) {note}: "
             "an epsilon added to the std (X / (std + 1e-8))? The spec divides by the exact "
             "std and stores 1.0 only for constant columns.")
    fail(f"{what} is not (X - mean_) / std_ with the training statistics: "
         f"{explain_gap(out, expected)} {note}. {FIX}")


def as_stat(value, n: int, d: int, what: str) -> np.ndarray:
    """mean_/std_ as a (d,) array, naming the wrong-axis mistakes."""
    shape = np.shape(value) if isinstance(value, (np.ndarray, np.generic, list, tuple,
                                                  float, int)) else None
    if shape == ():
        fail(f"{what} is a single number: the statistic was taken over all entries of X. It "
             f"must be one value per column, shape ({d},): use axis=0, e.g. X.mean(axis=0)")
    if shape in ((n,), (n, 1)) and n != d:
        fail(f"{what} has shape {shape}, one value per row: axis=1 reduces over the columns. "
             f"Use axis=0 to get one value per column, shape ({d},)")
    if shape == (1, d):
        fail(f"{what} has shape (1, {d}); store it 1-D with shape ({d},) (drop keepdims=True "
             "or reshape)")
    return as_array(value, (d,), what)


def fitted(candidate, X, note=""):
    """A learner model fitted on X whose mean_ and std_ have the right shape."""
    model = candidate.new(CLASS)
    model.call("fit", X)
    for name in ("mean_", "std_"):
        as_stat(model.get(name), *X.shape, f"{name} after fit(X) {note}".strip())
    return model


def transformed(model, X, what) -> np.ndarray:
    return as_array(model.call("transform", X), X.shape, what)


# --- api and shapes -------------------------------------------------------------------------

@check("api")
def test_fit_returns_self(candidate, rng, seed):
    """fit(X) returns the fitted object itself, like scikit-learn, so calls can be chained."""
    value = candidate.new(CLASS).call("fit", make_data(rng, 10, 3)[0])
    if not (isinstance(value, LearnerObject) and value.is_self):
        fail(f"fit(X) returned {returned(value)}; it should return self, so that "
             "Standardizer().fit(X).transform(X) works: end fit with `return self`")


@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """mean_ and std_ have shape (d,); transform and fit_transform return (m, d), including a
    single row, a single column and a single training sample."""
    for n, d in ((5, 1), (7, 3), (1, 4), (40, 6)):
        X, columns = make_data(rng, n, d)
        note = data_note(seed, X=X)
        model = fitted(candidate, X, note)
        for m in (1, 3):
            X_new = like(rng, columns, m)
            transformed(model, X_new, f"transform of a {X_new.shape} array after fit(X) {note}")
        as_array(candidate.new(CLASS).call("fit_transform", X), X.shape,
                 f"fit_transform(X) {note}")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_train_statistics(candidate, rng, seed):
    """fit stores the per-column mean and population standard deviation (ddof=0)."""
    n, d = 25, 4
    X, _ = make_data(rng, n, d)
    note = data_note(seed, X=X)
    model = fitted(candidate, X, note)
    mean = as_stat(model.get("mean_"), n, d, "mean_")
    std = as_stat(model.get("std_"), n, d, "std_")
    if not close(mean, X.mean(axis=0)):
        fail(f"mean_ is not the mean of each column: {explain_gap(mean, X.mean(axis=0))} "
             f"{note}. Use X.mean(axis=0).")
    expected = X.std(axis=0)
    if close(std, expected):
        return
    known = {"std_ is the sample std (ddof=1, divide by n - 1); the spec uses the population "
             "std (ddof=0, divide by n), which is np.std's default": X.std(axis=0, ddof=1),
             "std_ is the variance: take its square root (or use X.std(axis=0))":
                 X.var(axis=0),
             "std_ has an epsilon added to it: store the exact std (only constant columns "
             "get 1.0, the others stay as they are)": expected + 1e-8}
    for meaning, values in known.items():
        if close(std, values):
            fail(f"{meaning} ({explain_gap(std, expected)}) {note}")
    if close(std, expected, rtol=1e-5) and not cause(std, expected):
        fail(f"std_ is off by a tiny relative amount: an epsilon added to it? "
             f"({explain_gap(std, expected)}) {note}. Store X.std(axis=0) as it is.")
    fail(f"std_ is not the population std of each column: {explain_gap(std, expected)} "
         f"{note}. Use X.std(axis=0).")


@check("correctness")
def test_transform_values(candidate, rng, seed):
    """transform(X) after fit(X) equals (X - mean_) / std_."""
    X, _ = make_data(rng, 30, 5)
    note = data_note(seed, X=X)
    out = transformed(fitted(candidate, X, note), X, "transform(X)")
    diagnose(out, X, X, "transform(X) after fit(X)", note)


@check("correctness")
def test_uses_train_statistics(candidate, rng, seed):
    """transform scales new data with the statistics stored by fit (never recomputed): a test
    set with a very different mean and spread does not come out centred at 0."""
    X_train, columns = make_data(rng, 40, 3)
    X_test = like(rng, columns, 15, shift=6.0, stretch=3.0)
    note = data_note(seed, X_train=X_train, X_test=X_test)
    model = fitted(candidate, X_train, note)
    out = transformed(model, X_test, "transform(X_test)")
    diagnose(out, X_train, X_test, "transform(X_test) after fit(X_train)", note)
    mean = as_stat(model.get("mean_"), 40, 3, "mean_ after transform(X_test)")
    if not close(mean, X_train.mean(axis=0)):
        fail(f"transform changed mean_ ({worst_gap(mean, X_train.mean(axis=0))}) {note}: only "
             "fit may set the statistics")


@check("correctness")
def test_single_row_transform(candidate, rng, seed):
    """transform of one new row, shape (1, d), uses the training statistics."""
    X_train, columns = make_data(rng, 30, 4)
    row = like(rng, columns, 1, shift=1.5)
    note = data_note(seed, X_train=X_train, row=row)
    out = transformed(fitted(candidate, X_train, note), row, "transform of one row")
    diagnose(out, X_train, row, "transform of one (1, 4) row after fit(X_train)", note)


def constant_column_std(j, value, computed, mine, out, n, note) -> None:
    """Fail, naming the cause, when constant column j did not get std_ = 1.0."""
    tiny = abs(mine) <= 1e-6 * max(1.0, abs(value))
    if computed != 0 and tiny and not np.isclose(mine, 1e-8, rtol=0.1, atol=0):
        test = ("a `std == 0` test misses such columns" if abs(mine) < 1e-12 else
                "a `std == 0` test misses such columns, and so does an absolute tolerance "
                "such as std < 1e-12, because the residue grows with the values")
        fail(f"column {j} of X is constant ({value!r} in every row), yet in floating point its "
             f"std is not exactly 0: X[:, {j}].std() gives {computed:.2g}, because the mean of "
             f"{n} copies of {value!r} is rounded ({value!r} has no exact binary form). Your "
             f"std_[{j}] kept that residue ({mine:.2g}) instead of 1.0, so transform gives "
             f"{out:.6g} there instead of 0: {test} {note}. Fix: {CONSTANT_FIX}.")
    fail(f"column {j} of X is constant ({value!r} in every row), so the spec stores "
         f"std_ = 1.0 there, but yours is {mine:.6g} {note}. Do not add an epsilon to the "
         f"std; {CONSTANT_FIX}.")


@check("correctness")
def test_constant_column(candidate, rng, seed):
    """A constant column gets std_ = 1.0 and transforms to 0 (no nan, no inf, no -1 or 1), also
    when its value, like 0.1, leaves a rounding residue instead of an exact 0 in the computed
    std; a model fitted on a single sample transforms that sample to zeros."""
    n, d = 20, 7
    X, columns = make_data(rng, n, d)
    X[:, 1], X[:, 3] = 3.0, -7.0  # exact: the computed std is exactly 0
    # the mean of n copies is rounded, so the computed std is about 1e-17 * |value|, not 0
    X[:, 4] = rounding_constant(rng, n, 1.0, first=0.1)
    X[:, 5] = rounding_constant(rng, n, 50.0)
    X[:, 6] = rounding_constant(rng, n, 1e6)  # large values: an absolute tolerance fails
    constant = (1, 3, 4, 5, 6)
    note = data_note(seed, X=X)
    model = fitted(candidate, X, note)
    std = as_stat(model.get("std_"), n, d, "std_")
    out = transformed(model, X, "transform(X)")
    for j in constant:
        value = float(X[0, j])
        if not np.all(np.isfinite(out[:, j])):
            fail(f"column {j} of X is constant ({value!r} in every row), and transform(X) gives "
                 f"{out[0, j]} there: a division by a zero std. Store std_ = 1.0 for constant "
                 f"columns {note}. Fix: {CONSTANT_FIX}.")
        if std[j] != 1.0:
            constant_column_std(j, value, float(X[:, j].std()), std[j], out[0, j], n, note)
    for j in constant:
        value = float(X[0, j])
        if np.any(np.abs(out[:, j]) > 1e-12 * max(1.0, abs(value))):
            why = (": your values are single-precision (float32) numbers, whose rounding of "
                   "the mean leaves this much; compute in float64" if single_precision(out)
                   else "")
            fail(f"constant column {j} ({value!r} in every row) should transform to 0 (up to "
                 f"the rounding of its mean), yours gives {out[:, j][:3]}...{why} {note}")
    # the rounding residues of the constant columns were checked above, with their own scale
    keep = [0, 1, 2, 3]
    diagnose(out[:, keep], X[:, keep], X[:, keep],
             f"transform(X) with constant columns {constant} (shown: columns {keep})", note)
    X_new = like(rng, columns, 5)
    diagnose(transformed(model, X_new, "transform(X_new)"), X, X_new,
             f"transform(X_new) after fit(X) with constant columns {constant} (only centred "
             "there)", data_note(seed, X=X, X_new=X_new))

    one = like(rng, columns, 1)
    model = fitted(candidate, one, data_note(seed, X=one))
    std = as_stat(model.get("std_"), 1, d, "std_ after fitting one sample")
    if not np.array_equal(std, np.ones(d)):
        reason = (" (nan: ddof=1 divides by n - 1 = 0; use the population std)"
                  if np.isnan(std).any() else "")
        fail(f"after fit on a single sample every column is constant, so std_ should be all "
             f"1.0, but it is {std}{reason} {data_note(seed, X=one)}")
    out = transformed(model, one, "transform of the single fitted sample")
    if not np.array_equal(out, np.zeros_like(one)):
        fail(f"a model fitted on one sample should transform that sample to zeros, yours gives "
             f"{out} {data_note(seed, X=one)}")


@check("correctness")
def test_fit_transform_matches(candidate, rng, seed):
    """fit_transform(X) equals fit(X) then transform(X), and leaves the model fitted."""
    X, columns = make_data(rng, 30, 4)
    note = data_note(seed, X=X)
    model = candidate.new(CLASS)
    out = as_array(model.call("fit_transform", X), X.shape, "fit_transform(X)")
    diagnose(out, X, X, "fit_transform(X)", note)
    if model.get("mean_") is None or model.get("std_") is None:
        fail(f"fit_transform(X) returned the right values but left mean_ / std_ unset (None): "
             f"it must fit the model too, so that a later transform(X_test) works. Write "
             f"return self.fit(X).transform(X) {note}")
    mean = as_stat(model.get("mean_"), 30, 4, "mean_ after fit_transform(X)")
    std = as_stat(model.get("std_"), 30, 4, "std_ after fit_transform(X)")
    if not (close(mean, X.mean(axis=0)) and close(std, statistics(X)[1])):
        fail(f"after fit_transform(X), mean_ and std_ should be the statistics of X: "
             f"fit_transform must fit the model (return self.fit(X).transform(X)) {note}")
    X_new = like(rng, columns, 6, shift=2.0)
    diagnose(transformed(model, X_new, "transform(X_new)"), X, X_new,
             "transform(X_new) after fit_transform(X)", data_note(seed, X=X, X_new=X_new))


# --- vectorization, robustness, performance -------------------------------------------------

def work_at(rng, n, d) -> Workload:
    X, _ = make_data(rng, n, d)
    return Workload((call("fit", X), call("transform", X), call("fit_transform", X)), CLASS,
                    label=f"X {(n, d)}")


LOOP_ADVICE = ("Replace the loop (or a builtin such as sum(X) or map iterating over X) with "
               "whole-array operations: X.mean(axis=0), X.std(axis=0), "
               "(X - self.mean_) / self.std_.")
test_no_loop_over_rows = standard.no_loop(work_at, "rows", {"n": (64, 512), "d": 4},
                                          LOOP_ADVICE)
test_no_loop_over_columns = standard.no_loop(work_at, "columns", {"n": 64, "d": (2, 16)},
                                             LOOP_ADVICE)


def probes(rng):
    X, _ = make_data(rng, 30, 3)
    return [Workload((call("fit", X),), CLASS), Workload((call("fit_transform", X),), CLASS),
            Workload((call("fit", X), call("transform", X)), CLASS)]


test_inputs_untouched = standard.inputs_untouched(
    probes, fix="Build a new array instead: return (X - self.mean_) / self.std_.",
    doc="fit, transform and fit_transform leave their input array unchanged.")

# fit is timed on a large X; transform on a smaller batch, because a call's wall time includes
# sending its result back, and transform returns an array as large as its input.
N_FIT, N_TRANSFORM, D = 100_000, 10_000, 20


def big_data(rng):
    X, columns = make_data(rng, N_FIT, D)
    return {"X": X, "X_batch": like(rng, columns, N_TRANSFORM)}


FIT = call("fit", stored("X"))
test_speed_at_scale = standard.speed(
    big_data, [(Workload((FIT,), CLASS), f"fit on X ({N_FIT}, {D})"),
               (Workload((FIT, call("transform", stored("X_batch"))), CLASS),
                f"transform of a ({N_TRANSFORM}, {D}) batch after fit on X ({N_FIT}, {D})")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop over rows that never shows up as Python lines (map, functools.reduce, [*X]) or "
    "repeated large copies, and use whole-array operations.",
    doc="fit on 100,000 x 20 data and transform of a 10,000-row batch run in time and memory "
        "comparable to the reference.")
