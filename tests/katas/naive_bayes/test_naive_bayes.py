"""Hidden checks for the naive_bayes kata.

Each check isolates one step: ``fitted_parameters`` compares what fit stores with the formulas
(priors, means, smoothed population variances); the prediction checks compare
``predict_log_proba`` and ``predict`` with the posterior computed here, in the examiner's
process, *from the learner's own fitted parameters*, so a mistake in fit is reported once,
where it is made. The learner's class only ever runs in the sandboxed worker.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerObject, Workload, as_array, call, check, close, data_note,
                            fail, precision_note, returned, standard, stored, worst_gap)
from katakit.author.classifiers import as_labels

CLASS = "GaussianNB"
FIX_VAR = ("var_ = the population variance of each class's rows (np.var(Xc, axis=0), "
           "ddof=0) + epsilon, with epsilon = var_smoothing * np.max(np.var(X, axis=0))")


# --- data -----------------------------------------------------------------------------------

def blobs(rng, counts, d, labels=None, separation=2.0, shuffle=True):
    """One Gaussian blob per class (``counts`` rows each), features on different scales."""
    labels = np.arange(len(counts)) if labels is None else np.asarray(labels)
    centres = rng.normal(scale=separation, size=(len(counts), d))
    spreads = rng.uniform(0.5, 2.0, size=(len(counts), d))
    X = np.concatenate([c + s * rng.normal(size=(k, d))
                        for c, s, k in zip(centres, spreads, counts)])
    y = np.repeat(labels, counts)
    X = X * rng.uniform(0.5, 5.0, size=d)
    order = rng.permutation(len(y)) if shuffle else np.arange(len(y))
    return X[order], y[order]


def lead_with(X, y, labels):
    """The rows reordered so that the labels first appear in the order ``labels`` (not
    sorted), so that a classes_ in order of appearance always differs from np.unique(y)."""
    firsts = [int(np.flatnonzero(y == label)[0]) for label in labels]
    order = np.concatenate([firsts, np.setdiff1d(np.arange(len(y)), firsts)])
    return X[order], y[order]


def near(rng, X, m, spread=1.0):
    """Test points drawn around the training data."""
    centre, scale = X.mean(axis=0), X.std(axis=0)
    return centre + spread * scale * rng.normal(size=(m, X.shape[1]))


# --- the formulas, in the examiner's process ------------------------------------------------

def statistics(X, y, var_smoothing, ddof=0):
    classes = np.unique(y)
    rows = [X[y == c] for c in classes]
    prior = np.array([len(r) for r in rows]) / len(y)
    theta = np.array([r.mean(axis=0) for r in rows])
    var = np.array([r.var(axis=0, ddof=ddof) if len(r) > ddof else np.zeros(X.shape[1])
                    for r in rows])
    return classes, prior, theta, var, var_smoothing * np.max(np.var(X, axis=0))


def joint_log_likelihood(prior, theta, var, X, half=0.5, log_term=True, use_prior=True):
    """log P(c) + sum_j log N(x_j; theta_cj, var_cj) for each row and class (m, C); the
    keywords build classic mistakes (no 1/2 in the exponent, no log term, no prior)."""
    with np.errstate(all="ignore"):
        diff = X[:, None, :] - theta[None, :, :]
        log_density = -half * diff ** 2 / var[None]
        if log_term:
            log_density = log_density - 0.5 * np.log(2 * np.pi * var)[None]
        return np.log(prior)[None, :] * use_prior + log_density.sum(axis=2)


def normalized(joint):
    with np.errstate(all="ignore"):
        top = joint.max(axis=1, keepdims=True)
        return joint - (top + np.log(np.sum(np.exp(joint - top), axis=1, keepdims=True)))


def logsumexp_rows(values):
    with np.errstate(all="ignore"):
        top = np.max(values, axis=1, keepdims=True)
        return (top + np.log(np.sum(np.exp(values - top), axis=1, keepdims=True)))[:, 0]


# --- reading the learner's model ------------------------------------------------------------

def fitted(candidate, X, y, **kwargs):
    model = candidate.new(CLASS, **kwargs)
    model.call("fit", X, y)
    return model


def parameters(model, C: int, d: int):
    """(classes_, class_prior_, theta_, var_) as the learner's model holds them."""
    classes = model.get("classes_")
    if isinstance(classes, LearnerObject) or classes is None or np.ndim(classes) != 1 \
            or len(classes) != C:
        fail(f"after fit, classes_ should be the {C} sorted class labels (np.unique(y)), but "
             f"it is {returned(classes)}")
    return (np.asarray(classes), as_array(model.get("class_prior_"), (C,), "class_prior_"),
            as_array(model.get("theta_"), (C, d), "theta_ (one row of means per class)"),
            as_array(model.get("var_"), (C, d), "var_ (one row of variances per class)"))


def own_posterior(model, X_fit, y_fit, X):
    """The normalized log posterior of X under the learner's own fitted parameters (columns
    in the order of its classes_), and those parameters."""
    C, d = len(np.unique(y_fit)), X_fit.shape[1]
    classes, prior, theta, var = parameters(model, C, d)
    return normalized(joint_log_likelihood(prior, theta, var, X)), (prior, theta, var, classes)


def as_log_proba(value, m: int, C: int, what: str) -> np.ndarray:
    if isinstance(value, np.ndarray) and value.shape == (C, m) and m != C:
        fail(f"{what} has shape {value.shape}: one row per class. Return one row per sample, "
             f"shape ({m}, {C}) (transpose it)")
    return as_array(value, (m, C), what)


def gap(actual, expected) -> str:
    """worst_gap without its float32 note: log posteriors of -1e6 next to 0 make any real
    mistake look like a relative 1e-6, which is not what single precision leaves."""
    return worst_gap(actual, expected).removesuffix(precision_note(actual, expected))


def compare(actual, expected) -> bool:
    """Log posteriors equal up to rounding; a value of -1e6 may be off by about 1e-9 of it."""
    finite = np.isfinite(expected)
    if not np.array_equal(finite, np.isfinite(actual)):
        return False
    scale = np.maximum(1.0, np.abs(expected[finite]))
    return bool(np.all(np.abs(actual[finite] - expected[finite]) <= 1e-9 * scale))


def proba_mistake(mine, expected, prior, theta, var, X) -> str:
    """Name the classic mistake that turns the right log posterior into ``mine``."""
    joint = joint_log_likelihood(prior, theta, var, X)
    if not np.all(np.isfinite(mine)) and np.all(np.isfinite(expected)):
        return ("it holds -inf or nan where every log probability is finite: a product of "
                "densities (or a probability) underflowed to 0 before the log was taken. Work "
                "in logs: sum the log densities, add the log prior, then normalize with "
                "logsumexp")
    with np.errstate(all="ignore"):
        known = [
            (joint, "the rows are not normalized (they are the joint log-likelihood log P(c) + "
                    "log p(x | c)): subtract logsumexp over the classes from each row"),
            (np.exp(expected), "these are probabilities, not log probabilities: return the "
                               "normalized log posterior itself"),
            (normalized(joint_log_likelihood(prior, theta, var, X, use_prior=False)),
             "the log prior log(class_prior_) is missing from the posterior"),
            (normalized(joint_log_likelihood(prior, theta, var, X, log_term=False)),
             "the -0.5 * log(2 * pi * var) term of the log density is missing; it differs "
             "between classes, so it cannot be dropped"),
            (normalized(joint_log_likelihood(prior, theta, var ** 2, X)),
             "the density uses var_ as the standard deviation: var_ is already the variance"),
            (normalized(joint_log_likelihood(prior, theta, np.sqrt(var), X)),
             "the density uses the standard deviation sqrt(var_) where the variance var_ "
             "belongs"),
            (normalized(joint_log_likelihood(prior, theta, var, X, half=1.0)),
             "the factor 1/2 of the Gaussian exponent (x - mean)^2 / (2 var) is missing")]
    for values, meaning in known:
        if np.shape(values) == mine.shape and compare(mine, values):
            return meaning
    if expanded_square(mine, expected, theta, var, X):
        return EXPANDED
    rows = logsumexp_rows(mine)
    if np.all(np.isfinite(rows)) and not np.allclose(rows, 0, atol=1e-9):
        return (f"the rows do not log-sum-exp to 0 (row 0: {rows[0]:.6g}): normalize each row "
                "by subtracting logsumexp over the classes")
    return ""


EXPANDED = ("the differences are at the rounding level of x**2 / var_, the mark of a "
            "cancellation: (x - theta)**2 / var expanded as x**2 / var - 2 * x * theta / var "
            "+ theta**2 / var subtracts huge, nearly equal numbers when x and theta are large "
            "or var_ is tiny. Compute diff = X[:, None, :] - theta_[None, :, :] first and "
            "square it: diff ** 2 / var_")


def expanded_square(mine, expected, theta, var, X) -> bool:
    """Whether every gap between ``mine`` and ``expected`` is within rounding (1e-14) of
    the terms x**2 / var and theta**2 / var that an expanded square adds up, and some gap is
    real: the evidence of (x - theta)**2 computed as x**2 - 2 x theta + theta**2."""
    with np.errstate(all="ignore"):
        terms = np.sum((X[:, None, :] ** 2 + theta[None] ** 2) / var[None], axis=2)  # (m, C)
    if not (np.all(np.isfinite(mine)) and np.all(np.isfinite(terms))):
        return False
    rounding = 1e-14 * np.max(terms, axis=1, keepdims=True)
    gaps = np.abs(mine - expected)
    return bool(np.all(gaps <= rounding) and not compare(mine, expected))


def check_log_proba(model, X_fit, y_fit, X, what, note) -> np.ndarray:
    """Fail unless predict_log_proba(X) is the normalized log posterior of the learner's own
    parameters; return it."""
    C = len(np.unique(y_fit))
    mine = as_log_proba(model.call("predict_log_proba", X), len(X), C, what)
    expected, (prior, theta, var, _) = own_posterior(model, X_fit, y_fit, X)
    if not np.all(np.isfinite(expected)):
        fail(f"{what}: your fitted var_ or class_prior_ hold zeros or negatives "
             f"(min var_ {np.min(var):.3g}), so the posterior is undefined {note}. {FIX_VAR}")
    if compare(mine, expected):
        return mine
    meaning = proba_mistake(mine, expected, prior, theta, var, X)
    fail(f"{what} is not the normalized log posterior log P(c | x) of your fitted class_prior_,"
         f" theta_ and var_{': ' + meaning if meaning else ''} "
         f"({gap(mine, expected) if np.all(np.isfinite(mine)) else 'not finite'}) {note}")


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """fit returns self and sets classes_ (C,), class_prior_ (C,), theta_ (C, d), var_ (C, d);
    predict_log_proba returns (m, C) and predict (m,) labels; one sample per class, one feature
    and one test point included."""
    for counts, d, m in (([1, 1], 1, 1), ([3, 2, 4], 3, 4), ([5, 5], 2, 1), ([4, 6], 1, 3)):
        X, y = blobs(rng, counts, d)
        C = len(counts)
        note = f"(seed {seed}; X {X.shape}, {C} classes)"
        model = candidate.new(CLASS)
        value = model.call("fit", X, y)
        if not (isinstance(value, LearnerObject) and value.is_self):
            fail(f"fit(X, y) {note} returned {returned(value)}; it should return self")
        parameters(model, C, d)
        X_new = near(rng, X, m)
        as_log_proba(model.call("predict_log_proba", X_new), m, C,
                     f"predict_log_proba(X) {note}")
        as_labels(model.call("predict", X_new), m, f"predict(X) {note}", labels=y)


# --- correctness ----------------------------------------------------------------------------

def var_mistake(var, X, y, var_smoothing) -> str:
    """Which wrong smoothing or ddof turns the right var_ into ``var``."""
    _, _, _, var0, eps = statistics(X, y, var_smoothing)
    var1 = statistics(X, y, var_smoothing, ddof=1)[3]
    known = [
        (var1 + eps, "it is the sample variance (ddof=1, divided by n_c - 1); this kata uses "
                     "the population variance (ddof=0, np.var's default)"),
        (var0, "the smoothing epsilon is missing: add var_smoothing * np.max(np.var(X, "
               "axis=0)) to every variance"),
        (var1, "it is the sample variance (ddof=1) and the smoothing epsilon is missing"),
        (var0 + var_smoothing, "var_smoothing is added as it is; it must be scaled by the "
                               "largest variance of all features: epsilon = var_smoothing * "
                               "np.max(np.var(X, axis=0))"),
        (var0 + var_smoothing * np.var(X, axis=0), "each feature gets var_smoothing times "
                                                   "its own variance; epsilon is one number, "
                                                   "var_smoothing times the LARGEST feature "
                                                   "variance"),
        (var0 + var_smoothing * var0.max(axis=1, keepdims=True),
         "epsilon is scaled by the largest variance within each class; it must be the largest "
         "variance of the whole X: np.max(np.var(X, axis=0))"),
        (var0 + var_smoothing * np.var(X), "epsilon uses the variance of all entries of X "
                                           "together; take the largest per-feature variance, "
                                           "np.max(np.var(X, axis=0))"),
        (var0 + var_smoothing * np.mean(np.var(X, axis=0)),
         "epsilon uses the mean of the feature variances, not the largest"),
        ((np.sqrt(var0) + eps) ** 2, "epsilon is added to the standard deviation; add it to "
                                     "the variance"),
        (var0 * (1 + var_smoothing), "the variances are multiplied by (1 + var_smoothing); "
                                     "epsilon is added"),
    ]
    return next((meaning for values, meaning in known if close(var, values, rtol=1e-9)), "")


@check("correctness")
def test_fitted_parameters(candidate, rng, seed):
    """fit stores classes_ = np.unique(y), class_prior_ = class frequencies, theta_ = class
    means and var_ = class population variances + var_smoothing * the largest feature
    variance of X (checked with var_smoothing=0.05 and unbalanced classes)."""
    X, y = lead_with(*blobs(rng, [12, 30, 6], 4, labels=[7, 3, 5]), [7, 3, 5])
    note = data_note(seed, X=X, y=y)
    smoothing = 0.05
    model = fitted(candidate, X, y, var_smoothing=smoothing)
    classes, prior, theta, var = parameters(model, 3, 4)
    right_classes, right_prior, right_theta, right_var0, eps = statistics(X, y, smoothing)
    if classes.dtype.kind not in "biuf" or not np.array_equal(classes, right_classes):
        order = ("they are in order of first appearance; " if sorted(classes.tolist()) ==
                 right_classes.tolist() else "")
        fail(f"classes_ is {classes.tolist()}, expected {right_classes.tolist()}: {order}"
             f"classes_ = np.unique(y), the sorted labels {note}")
    if not close(prior, right_prior, rtol=1e-9):
        meaning = {True: ": they are uniform (1 / C); the prior of a class is its share of "
                         "the rows"}.get(close(prior, 1 / 3, rtol=1e-9), "")
        if close(prior, right_prior * len(y), rtol=1e-9):
            meaning = ": they are counts; divide by the number of rows"
        fail(f"class_prior_ is {np.round(prior, 4).tolist()}, expected the class frequencies "
             f"{np.round(right_prior, 4).tolist()}{meaning} {note}")
    if not close(theta, right_theta, rtol=1e-9):
        meaning = (": every row is the mean of all of X; take the mean of each class's rows"
                   if close(theta, np.tile(X.mean(axis=0), (3, 1))) else "")
        fail(f"theta_ is not the per-class mean of X{meaning}: {worst_gap(theta, right_theta)} "
             f"{note}")
    if not close(var, right_var0 + eps, rtol=1e-9):
        meaning = var_mistake(var, X, y, smoothing)
        fail(f"var_ is not the smoothed class variance{': ' + meaning if meaning else ''} "
             f"({worst_gap(var, right_var0 + eps)}; var_smoothing={smoothing}, epsilon "
             f"{eps:.6g}) {note}. {FIX_VAR}")


@check("correctness")
def test_log_proba_values(candidate, rng, seed):
    """predict_log_proba(X) is the normalized log posterior log P(c | x) of the fitted
    parameters: log prior plus the sum of the Gaussian log densities, minus logsumexp over the
    classes (unbalanced classes, so the prior matters)."""
    X, y = blobs(rng, [25, 8, 15], 3, separation=1.0)
    model = fitted(candidate, X, y)
    X_test = near(rng, X, 40)
    check_log_proba(model, X, y, X_test, "predict_log_proba(X)",
                    data_note(seed, X=X, y=y, X_test=X_test))


@check("correctness")
def test_log_proba_finite_under_underflow(candidate, rng, seed):
    """predict_log_proba stays finite and exact where every class's product of densities
    underflows to 0 (points far away, 400 features): it works in logs."""
    for counts, d, far in (([10, 10, 10], 3, 60.0), ([15, 15], 400, 1.0)):
        X, y = blobs(rng, counts, d)
        X_test = near(rng, X, 12, spread=far)
        note = data_note(seed, X=X, y=y, X_test=X_test)
        model = fitted(candidate, X, y)
        check_log_proba(model, X, y, X_test,
                        f"predict_log_proba(X) on points whose densities underflow", note)


@check("correctness")
def test_zero_variance_within_class(candidate, rng, seed):
    """A feature that is constant within one class gets var_ = epsilon there (the default
    var_smoothing, 1e-9 times the largest feature variance), and predict_log_proba stays
    finite and exact at that constant (1002.0, the feature lying near 1000), right next to it
    and away from it."""
    X, y = blobs(rng, [10, 10, 10], 3)
    X[:, 2] += 1000.0
    X[y == 1, 2] = 1002.0
    note = data_note(seed, X=X, y=y)
    model = fitted(candidate, X, y)
    classes, _, _, var = parameters(model, 3, 3)
    if 1 not in classes.tolist():
        fail(f"classes_ is {classes.tolist()}: it should hold the labels 0, 1 and 2 "
             f"(np.unique(y)) {note}")
    var = var[classes.tolist().index(1)][None, :].repeat(2, axis=0)  # class 1's row as row 1
    eps = 1e-9 * np.max(np.var(X, axis=0))
    if not close(var[1, 2], eps, rtol=1e-6):
        meaning = {eps ** 2: "it is epsilon squared: epsilon was added to the standard "
                             "deviation, (0 + epsilon)^2; add it to the variance",
                   1e-9: "it is var_smoothing itself; epsilon is var_smoothing times the "
                         "largest feature variance, np.max(np.var(X, axis=0))",
                   0.0: "it is 0: the smoothing epsilon is missing, so the density divides "
                        "by zero"}
        said = next((m for v, m in meaning.items()
                     if abs(var[1, 2] - v) <= 1e-6 * max(v, 1e-300)), "")
        fail(f"feature 2 is constant (1002.0) within class 1, so its var_ must be epsilon = "
             f"1e-9 * np.max(np.var(X, axis=0)) = {eps:.6g}, but var_[1, 2] is "
             f"{var[1, 2]:.6g}{': ' + said if said else ''} {note}")
    X_test = near(rng, X, 12)
    X_test[:4, 2] = 1002.0
    X_test[4:8, 2] = 1002.0 + np.sqrt(eps) * rng.normal(size=4)  # within class 1's spread
    check_log_proba(model, X, y, X_test, "predict_log_proba(X) with a zero-variance feature",
                    data_note(seed, X=X, y=y, X_test=X_test))


@check("correctness")
def test_string_classes(candidate, rng, seed):
    """Labels given as strings work: classes_ holds the sorted strings, predict returns
    strings, and the columns of predict_log_proba follow classes_."""
    names = np.array(["versicolor", "virginica", "setosa"])
    X, y = lead_with(*blobs(rng, [12, 12, 12], 3, labels=names), names)  # balanced priors
    note = data_note(seed, X=X, y=y)
    model = fitted(candidate, X, y)
    classes = model.get("classes_")
    if isinstance(classes, LearnerObject) or np.asarray(classes).dtype.kind not in "US" or \
            np.asarray(classes).tolist() != sorted(names.tolist()):
        fail(f"with string labels, classes_ should be the sorted strings "
             f"{sorted(names.tolist())}, but it is "
             f"{np.asarray(classes).tolist() if not isinstance(classes, LearnerObject) else returned(classes)}"
             f": use np.unique(y), which works for strings too {note}")
    X_test = near(rng, X, 20)
    proba = check_log_proba(model, X, y, X_test, "predict_log_proba(X) with string labels",
                            note)
    mine = as_labels(model.call("predict", X_test), 20, "predict(X) with string labels",
                     labels=y)
    expected = np.array(sorted(names.tolist()))[np.argmax(proba, axis=1)]
    if not np.array_equal(mine, expected):
        wrong = int(np.flatnonzero(mine != expected)[0])
        fail(f"predict(X) with string labels returned {mine[wrong]!r} for row {wrong}, where "
             f"the largest log posterior is {expected[wrong]!r} {note}")


def tie_data():
    """Classes 2 and 5 have identical rows (dyadic values, 4 rows each, so every statistic is
    exact whatever the order of summation); class 9 lies elsewhere."""
    rows = np.array([[0.0, 1.0], [0.5, 1.5], [1.0, 0.5], [0.5, 1.0]])
    X = np.concatenate([rows, rows, rows + [4.0, -2.0]])
    return X, np.repeat([5, 2, 9], 4)


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict returns classes_[argmax of predict_log_proba] for each row, and on an exact tie
    the first class in classes_ (the smallest label)."""
    X, y = blobs(rng, [25, 8, 15], 3, labels=[4, 1, 6], separation=1.0)
    X_test = near(rng, X, 40)
    tie_X, tie_y = tie_data()
    cases = [(X, y, X_test, "unbalanced classes"),
             (tie_X, tie_y, np.array([[0.5, 1.0], [0.0, 0.0], [2.0, 2.0], [4.5, -1.0]]),
              "classes 2 and 5 with identical rows (an exact tie)")]
    for X, y, X_test, what in cases:
        note = data_note(seed, X=X, y=y, X_test=X_test)
        model = fitted(candidate, X, y)
        posterior, (*_, classes) = own_posterior(model, X, y, X_test)
        mine = as_labels(model.call("predict", X_test), len(X_test), "predict(X)", labels=y)
        expected = classes[np.argmax(posterior, axis=1)]
        if np.array_equal(mine, expected):
            continue
        wrong = int(np.flatnonzero(mine != expected)[0])
        tied = np.sum(posterior[wrong] == posterior[wrong].max()) > 1
        fail(f"with {what}, predict(X) gives {mine[wrong].item()!r} for row {wrong}, but the "
             f"largest posterior of your fitted parameters is that of "
             f"{expected[wrong].item()!r}" + (
                 ": on a tie, take the first class in classes_ (np.argmax does)" if tied else
                 ": predict must be classes_[np.argmax(log posterior, axis=1)], the prior "
                 "included") + f" {note}")


@check("correctness")
def test_invariances(candidate, rng, seed):
    """Shuffling the training rows changes nothing, and multiplying all of X (training and
    test) by 10 leaves the normalized log posteriors unchanged."""
    X, y = lead_with(*blobs(rng, [20, 12, 16], 3), [0, 1, 2])
    X_test = near(rng, X, 25)
    note = data_note(seed, X=X, y=y, X_test=X_test)
    first = fitted(candidate, X, y)
    base = as_log_proba(first.call("predict_log_proba", X_test), 25, 3, "predict_log_proba(X)")
    order = rng.permutation(len(y))
    again = lead_with(X[order], y[order], [2, 0, 1])
    second = fitted(candidate, *again)
    shuffled = as_log_proba(second.call("predict_log_proba", X_test), 25, 3,
                            "predict_log_proba(X)")
    if not np.allclose(shuffled, base, rtol=1e-7, atol=1e-9 * np.max(np.abs(base))):
        orders = [parameters(m, 3, 3)[0].tolist() for m in (first, second)]
        fail(f"fitting on the same rows in another order changed predict_log_proba "
             f"({gap(shuffled, base)}): " + (
                 f"classes_ came out as {orders[0]}, then {orders[1]}: take np.unique(y), "
                 "sorted whatever the order of the rows" if orders[0] != orders[1] else
                 "the model must depend on each class's rows only, not on their order")
             + f" {note}")
    model = fitted(candidate, 10 * X, y)
    scaled = as_log_proba(model.call("predict_log_proba", 10 * X_test), 25, 3,
                          "predict_log_proba(X)")
    if not np.allclose(scaled, base, rtol=1e-7, atol=1e-7 * np.max(np.abs(base))):
        shift = scaled - base
        constant = np.allclose(shift, shift[:, :1], rtol=1e-6, atol=1e-6)
        var = parameters(model, 3, 3)[3]
        _, _, _, var0, eps = statistics(10 * X, y, 1e-9)
        fail(f"multiplying X and the test points by 10 changed predict_log_proba "
             f"({gap(scaled, base)})" + (
                 ": by the same amount in every column of a row, so the rows are not "
                 "normalized (subtract logsumexp over the classes)" if constant else
                 ": var_ is not the smoothed class variance (see fitted_parameters), so the "
                 "factor 100 on every variance and on epsilon does not cancel"
                 if not close(var, var0 + eps, rtol=1e-9) else
                 ": every variance (and epsilon) scales by 100, which must cancel in the "
                 "normalized posterior") + f" {note}")


OFFSET = 1e6


@check("correctness")
def test_large_offset(candidate, rng, seed):
    """Features far from 0 change nothing: with every feature (training and test points)
    shifted by 1e6, var_ and predict_log_proba are those of the unshifted data. var_ is the
    mean of squared deviations (not E[x^2] - E[x]^2) and the log density squares x - theta_
    (not x^2 - 2 x theta + theta^2)."""
    X, y = blobs(rng, [20, 12, 16], 3)
    X_test = near(rng, X, 25)
    far, far_test = X + OFFSET, X_test + OFFSET
    X, X_test = far - OFFSET, far_test - OFFSET  # exact: both are the very same points
    note = data_note(seed, X=far, y=y, X_test=far_test)
    base, shifted = fitted(candidate, X, y), fitted(candidate, far, y)
    var0 = parameters(base, 3, 3)[3]
    _, _, theta, var = parameters(shifted, 3, 3)
    with np.errstate(all="ignore"):
        changed = np.abs(var - var0) > 1e-8 * np.abs(var0)
    if np.any(changed):
        fail(f"with every feature shifted by 1e6 (the same points, moved away from 0), "
             f"var_ changed ({gap(var, var0)}), but shifting data does not change a variance: "
             "var_ loses precision far from 0. Computing it as E[x^2] - E[x]^2 "
             "(np.mean(x**2) - np.mean(x)**2) subtracts two nearly equal numbers of about "
             "1e12, and the cancellation leaves rounding noise; compute the mean of the "
             "squared deviations from the class mean, np.mean((x - theta)**2, axis=0) "
             f"(np.var does) {note}")
    proba0 = as_log_proba(base.call("predict_log_proba", X_test), 25, 3, "predict_log_proba(X)")
    proba = as_log_proba(shifted.call("predict_log_proba", far_test), 25, 3,
                         "predict_log_proba(X) on the shifted data")
    if np.all(np.isfinite(proba)) and np.all(np.abs(proba - proba0) <=
                                              1e-7 * np.maximum(1.0, np.abs(proba0))):
        return
    expected = normalized(joint_log_likelihood(parameters(shifted, 3, 3)[1], theta, var,
                                               far_test))
    fail(f"with every feature and every test point shifted by 1e6 (the same points, "
         f"moved away from 0), predict_log_proba changed ({gap(proba, proba0)}) although var_ "
         "did not: " + (EXPANDED if expanded_square(proba, expected, theta, var, far_test) else
                        "it loses precision far from 0. Compute the log density from diff = "
                        "X[:, None, :] - theta_[None, :, :] (diff ** 2 / var_), never from "
                        "x**2 and theta**2 separately") + f" {note}")


# --- vectorization --------------------------------------------------------------------------

LOOP_ADVICE = ("Broadcast instead: X[:, None, :] - theta_[None, :, :] has shape (m, C, d); "
               "sum the log densities over the last axis and normalize each row with "
               "logsumexp. In fit, use masks or a one-hot matrix per class. Only a loop over "
               "the classes may stay.")


def work_at(rng, n, d):
    X, y = blobs(rng, [n // 4, n // 4, n // 2], d)
    X_test = near(rng, X, n)
    return Workload((call("fit", X, y), call("predict_log_proba", X_test),
                     call("predict", X_test)), CLASS, label=f"X {(n, d)}")


CLASSES = "the loop over the 3 classes"
test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (40, 320), "d": 4},
                                             LOOP_ADVICE, allowed=CLASSES)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 40, "d": (2, 16)},
                                              LOOP_ADVICE, allowed=CLASSES)


# --- robustness and performance -------------------------------------------------------------

def untouched_probes(rng):
    X, y = blobs(rng, [10, 12], 3)
    X_test = near(rng, X, 8)
    return [Workload((call("fit", X, y),), CLASS),
            Workload((call("fit", X, y), call("predict_log_proba", X_test)), CLASS),
            Workload((call("fit", X, y), call("predict", X_test)), CLASS)]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes, doc="fit, predict_log_proba and predict leave their input arrays "
                          "unchanged.")


def big_data(rng):
    X, y = blobs(rng, [3000, 3600, 2400, 3000], 20)
    return {"X": X, "y": y, "X_test": near(rng, X, 12000)}


test_speed_at_scale = standard.speed(
    big_data,
    [(Workload((call("fit", stored("X"), stored("y")),), CLASS),
      "fit on X (12000, 20) with 4 classes"),
     (Workload((call("fit", stored("X"), stored("y")),
                call("predict_log_proba", stored("X_test"))), CLASS),
      "predict_log_proba on X (12000, 20) with 4 classes")],
    "If a vectorization check names a loop, that loop is the cause; otherwise avoid Python "
    "loops hidden in map or comprehensions and keep the (m, C, d) array the only large "
    "intermediate.",
    doc="fit and predict_log_proba on 12,000 x 20 data with 4 classes run in time and memory "
        "comparable to the reference.")
