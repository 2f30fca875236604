"""Hidden checks for the pca kata.

Principal components are defined up to sign, so nothing here compares an eigenvector
literally: the components must be orthonormal, span the top principal subspace (projectors
``C.T @ C`` compared), line up one by one with the principal directions in order of decreasing
variance (``|c_i . v_i| = 1``), and the numbers that do not depend on the sign (variances, the
covariance of the transformed data, the reconstruction error) must be right. transform and
inverse_transform are judged against the learner's own mean_ and components_, so an SVD
and an eigendecomposition with any signs both pass. The examiner's data have well-separated
covariance eigenvalues, so every subspace compared is well defined.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerObject, Workload, call, check, close, data_note,
                            factor_mistake, fail, returned, standard, stored, worst_gap)
from katakit.author.unsupervised import (as_real_array, covariance_spectrum, same_subspace,
                                         same_up_to_column_signs, spectrum_data,
                                         subspace_gap)

CLASS = "PCA"
ALLOWED = "a loop over the n_components components"


# --- reading the learner's model ------------------------------------------------------------

def as_components(value, k: int, n: int, d: int, what="components_") -> np.ndarray:
    """components_ as a real (k, d) array, naming the transposed and the U-for-V mistakes."""
    shape = np.shape(value) if isinstance(value, np.ndarray) else None
    if shape == (d, k) and k != d:
        fail(f"{what} has shape {(d, k)}, one component per column; the spec stores them as "
             f"rows, shape {(k, d)}: take Vt[:k] from the SVD, or vecs[:, order].T from eigh")
    if shape == (k, n) and n != d:
        fail(f"{what} has shape {(k, n)}, one entry per sample: the left singular vectors U "
             f"instead of the rows of Vt? The components live in feature space, shape {(k, d)}")
    return as_real_array(value, (k, d), what)


def fitted(candidate, X, k, seed):
    """A learner model fitted on X, and its fitted attributes checked for type and shape."""
    (n, d) = X.shape
    model = candidate.new(CLASS, k)
    model.call("fit", X)
    after = f"after fit(X) with n_components={k} {data_note(seed, X=X)}"
    return model, {
        "mean_": as_real_array(model.get("mean_"), (d,), f"mean_ {after}"),
        "components_": as_components(model.get("components_"), k, n, d,
                                     f"components_ {after}"),
        "explained_variance_": as_real_array(model.get("explained_variance_"), (k,),
                                             f"explained_variance_ {after}"),
        "explained_variance_ratio_": as_real_array(model.get("explained_variance_ratio_"),
                                                   (k,), f"explained_variance_ratio_ {after}"),
    }


# --- naming the classic mistakes ------------------------------------------------------------

NOT_CENTRED = ("the data were not centred before the decomposition: the first direction then "
               "points towards the mean of X instead of along its largest spread. Subtract "
               "mean_ first: Xc = X - X.mean(axis=0)")
SMALLEST = ("these are the directions of the SMALLEST variance: np.linalg.eigh returns the "
            "eigenvalues in ascending order, so the first columns are the smallest; sort "
            "descending, order = np.argsort(vals)[::-1]")
ASCENDING = ("the components are in ascending order of variance (np.linalg.eigh's order); the "
             "spec wants decreasing variance: reverse, order = np.argsort(vals)[::-1]")
ROWS_NOT_COLUMNS = ("the rows of components_ are orthonormal but they are not eigenvectors of "
                    "the covariance: rows and columns of the eigenvector matrix confused? eigh "
                    "returns the eigenvectors as COLUMNS (vecs[:, i]), so the components are "
                    "vecs[:, order[:k]].T; with the SVD they are the ROWS of Vt, Vt[:k]")


def uncentred_directions(X, k):
    return np.linalg.svd(X, full_matrices=False)[2][:k]


def eigen_residual(X, rows) -> float:
    """How far the rows are from eigenvectors of X's covariance (0 for eigenvectors)."""
    centred = X - X.mean(axis=0)
    cov = centred.T @ centred / (len(X) - 1)
    images = rows @ cov
    rayleigh = np.sum(images * rows, axis=1, keepdims=True)
    return float(np.max(np.abs(images - rayleigh * rows))) / max(float(np.max(np.abs(cov))),
                                                                 1e-300)


def components_mistake(X, components) -> str:
    """The classic mistake behind components_ that are not the top principal directions in
    order, or '' when they are (signs never matter)."""
    k = len(components)
    values, vectors = covariance_spectrum(X)
    if not close(components @ components.T, np.eye(k), rtol=0, atol_scale=1e-9):
        norms = np.linalg.norm(components, axis=1)
        if not close(norms, np.ones(k), rtol=1e-9):
            return (f"the components are not unit vectors (their norms are "
                    f"{np.round(norms, 4).tolist()}): each row must have norm 1, as the rows "
                    "of Vt and the columns of eigh's eigenvectors have; do not scale them by "
                    "the singular values or the variances")
        return ("the components are not orthogonal to each other (components_ @ "
                "components_.T is not the identity): np.linalg.eig on the covariance (whose "
                "eigenvectors need not be orthogonal), or a Gram-Schmidt that went wrong? Use "
                "np.linalg.eigh or np.linalg.svd")
    if same_subspace(components, vectors[:k]):
        aligned = np.abs(np.sum(components * vectors[:k], axis=1))
        if np.all(aligned > 1 - 1e-7):
            return ""
        return ASCENDING if np.all(np.abs(np.sum(components[::-1] * vectors[:k], axis=1))
                                   > 1 - 1e-7) else (
            "the components span the right subspace but are not the principal directions "
            "one by one, in order of decreasing variance (each row must be an eigenvector)")
    if same_subspace(components, uncentred_directions(X, k), atol=1e-6):
        return NOT_CENTRED
    if same_subspace(components, vectors[-k:]):
        return SMALLEST
    if eigen_residual(X, components) > 1e-6:
        return ROWS_NOT_COLUMNS
    return ("the components are eigenvectors of the covariance, but not those of the k "
            "largest eigenvalues: sort the eigenvalues in decreasing order and keep the "
            "first k")


def gap_text(components, vectors) -> str:
    """How far the learner's subspace is from the principal one, in words a learner can
    check: the largest entry of the difference of the two projectors."""
    gap = subspace_gap(components, vectors[:len(components)])
    return (f"largest entry of components_.T @ components_ minus the principal subspace's "
            f"projector: {gap:.3g}; 0 means the same subspace, about 1 a direction outside it")


def fail_components(X, components, note, what="components_"):
    """Fail with the named mistake when components_ are not the top principal directions."""
    mistake = components_mistake(X, components)
    if mistake:
        values, vectors = covariance_spectrum(X)
        fail(f"{what} are wrong: {mistake} ({gap_text(components, vectors)}) {note}")


# --- api ------------------------------------------------------------------------------------

@check("api")
def test_fit_returns_self(candidate, rng, seed):
    """fit(X) returns the fitted object itself, so PCA(k).fit(X).transform(X) works."""
    X = spectrum_data(rng, 20, 3)
    value = candidate.new(CLASS, 2).call("fit", X)
    if isinstance(value, LearnerObject) and value.is_self:
        return
    fail(f"fit(X) returned {returned(value)}; it should return self, so that "
         "PCA(k).fit(X).transform(X) works: end fit with `return self`")


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """mean_ is (d,), components_ (k, d), explained_variance_ and its ratio (k,), transform
    (m, k) and inverse_transform (m, d), all real, including one feature, k = d, and fewer
    samples than features."""
    for n, d, k in ((2, 1, 1), (5, 3, 3), (10, 4, 1), (6, 24, 2), (40, 6, 2)):
        X = spectrum_data(rng, n, d, decay=0.8)
        note = f"(seed {seed}; n={n}, d={d}, k={k})"
        model, _ = fitted(candidate, X, k, seed)
        X_new, Z = spectrum_data(rng, 3, d), rng.normal(size=(3, k))
        as_real_array(model.call("transform", X_new), (3, k),
                      f"transform of a (3, {d}) array {note}")
        as_real_array(model.call("inverse_transform", Z), (3, d),
                      f"inverse_transform of a (3, {k}) array {note}")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_mean_values(candidate, rng, seed):
    """mean_ is the mean of each column of X."""
    X = spectrum_data(rng, 50, 4)
    _, fit = fitted(candidate, X, 2, seed)
    if not close(fit["mean_"], X.mean(axis=0)):
        fail(f"mean_ is not X.mean(axis=0): {worst_gap(fit['mean_'], X.mean(axis=0))} "
             f"{data_note(seed, X=X)}")


@check("correctness")
def test_components_orthonormal(candidate, rng, seed):
    """The rows of components_ have unit norm and are orthogonal: components_ @ components_.T
    is the identity."""
    X = spectrum_data(rng, 60, 5)
    _, fit = fitted(candidate, X, 3, seed)
    C = fit["components_"]
    if close(C @ C.T, np.eye(3), rtol=0, atol_scale=1e-9):
        return
    fail(f"components_ @ components_.T should be the 3 x 3 identity: "
         f"{components_mistake(X, C)} {data_note(seed, X=X)}")


@check("correctness")
def test_components_span(candidate, rng, seed):
    """The components span the subspace of the k largest covariance eigenvalues (compared by
    projectors components_.T @ components_, so signs and the method do not matter)."""
    X = spectrum_data(rng, 80, 6)
    _, fit = fitted(candidate, X, 3, seed)
    note = data_note(seed, X=X)
    values, vectors = covariance_spectrum(X)
    C = fit["components_"]
    if np.all(np.isfinite(C)) and close(C @ C.T, np.eye(3), rtol=0, atol_scale=1e-9) and \
            same_subspace(C, vectors[:3]):
        return
    fail_components(X, C, note)
    fail(f"components_ do not span the top principal subspace ({gap_text(C, vectors)}) "
         f"{note}")


@check("correctness")
def test_components_order(candidate, rng, seed):
    """Component i is the direction of the i-th largest variance (up to sign): sorted by
    decreasing variance."""
    X = spectrum_data(rng, 80, 5)
    _, fit = fitted(candidate, X, 4, seed)
    note = data_note(seed, X=X)
    fail_components(X, fit["components_"], note)


@check("correctness")
def test_explained_variance_values(candidate, rng, seed, kata):
    """explained_variance_ holds the k largest eigenvalues of the covariance with ddof = 1
    (divided by n - 1), in decreasing order."""
    n, d, k = 40, 5, 3
    X = spectrum_data(rng, n, d)
    _, fit = fitted(candidate, X, k, seed)
    note = data_note(seed, X=X)
    values, _ = covariance_spectrum(X)
    found, expected = fit["explained_variance_"], values[:k]
    if not close(found, expected):
        fail(variance_mistake(kata, X, found, values) + f" {note}")


def variance_mistake(kata, X, found, values) -> str:
    """What is wrong with explained_variance_ ``found`` (the eigenvalues ``values`` are
    right), naming the classic mistake it matches."""
    n, k = len(X), len(found)
    expected = values[:k]
    meaning = factor_mistake(kata.mistakes["explained_variance"],
                             {"explained_variance_": (found, expected)},
                             what="explained_variance_", n=n)
    known = {"explained_variance_ is in ascending order (np.linalg.eigh's): sort descending":
                 expected[::-1],
             "explained_variance_ holds the k SMALLEST eigenvalues: np.linalg.eigh sorts "
             "ascending, so take the last k, reversed": values[::-1][:k],
             "explained_variance_ comes from data that were not centred: subtract the mean "
             "first": np.linalg.svd(X, compute_uv=False)[:k] ** 2 / (n - 1),
             "explained_variance_ holds the singular values S; the variances are "
             "S ** 2 / (n - 1)": np.sqrt(np.clip(expected, 0, None) * (n - 1))}
    for words, wrong in known.items():
        if not meaning and close(found, wrong, rtol=1e-7):
            meaning = words
    return (f"{meaning or 'explained_variance_ is not the k largest covariance eigenvalues'}: "
            f"{worst_gap(found, expected)} (ddof = 1: S ** 2 / (n - 1) from the SVD of the "
            "centred data, or the eigenvalues of Xc.T @ Xc / (n - 1))")


@check("correctness")
def test_explained_variance_ratio_values(candidate, rng, seed):
    """explained_variance_ratio_ is explained_variance_ divided by the total variance (the sum
    of all d eigenvalues), so it sums to less than 1 when k < d."""
    X = spectrum_data(rng, 50, 5)
    _, fit = fitted(candidate, X, 2, seed)
    note = data_note(seed, X=X)
    values, _ = covariance_spectrum(X)
    found, expected = fit["explained_variance_ratio_"], values[:2] / values.sum()
    uncentred = np.linalg.svd(X, compute_uv=False) ** 2
    if close(found, expected):
        return
    known = {"it is divided by the sum of the KEPT variances, so it sums to 1; divide by the "
             "total variance of all features, np.var(X, axis=0, ddof=1).sum()":
                 values[:2] / values[:2].sum(),
             "it is a ratio of singular values; the variances are the squared singular "
             "values": np.sqrt(values[:2]) / np.sqrt(values).sum(),
             "it is in ascending order: it follows explained_variance_, which must be "
             "decreasing": expected[::-1],
             "it is the ratio of the k SMALLEST eigenvalues: np.linalg.eigh sorts ascending":
                 values[::-1][:2] / values.sum(),
             "it comes from data that were not centred: subtract the mean before the "
             "decomposition": uncentred[:2] / uncentred.sum()}
    for words, wrong in known.items():
        if close(found, wrong, rtol=1e-7):
            fail(f"explained_variance_ratio_ is wrong: {words} ({worst_gap(found, expected)}) "
                 f"{note}")
    fail(f"explained_variance_ratio_ should be explained_variance_ / (sum of all d "
         f"eigenvalues): {worst_gap(found, expected)} {note}")


@check("correctness")
def test_transform_values(candidate, rng, seed):
    """transform(X_new) is (X_new - mean_) @ components_.T with the model's own mean_ and
    components_ (whatever their signs)."""
    X = spectrum_data(rng, 50, 4)
    X_new = spectrum_data(rng, 12, 4)
    model, fit = fitted(candidate, X, 2, seed)
    note = data_note(seed, X=X, X_new=X_new)
    Z = as_real_array(model.call("transform", X_new), (12, 2), "transform(X_new)")
    mean, C = fit["mean_"], fit["components_"]
    expected = (X_new - mean) @ C.T
    if close(Z, expected):
        return
    known = {"the mean is not subtracted: transform centres with the mean_ stored by fit, "
             "(X - self.mean_) @ self.components_.T": X_new @ C.T,
             "it centres X_new with its own mean; use the mean_ stored by fit":
                 (X_new - X_new.mean(axis=0)) @ C.T}
    for words, wrong in known.items():
        if close(Z, wrong):
            fail(f"transform(X_new) is wrong: {words} {note}")
    fail(f"transform(X_new) is not (X_new - mean_) @ components_.T with your own mean_ and "
         f"components_: {worst_gap(Z, expected)} {note}")


@check("correctness")
def test_transformed_data_uncorrelated(candidate, rng, seed):
    """transform of the training data has a diagonal covariance whose diagonal is the k
    largest variances: the new coordinates are uncorrelated."""
    n, d, k = 70, 5, 3
    X = spectrum_data(rng, n, d)
    model, fit = fitted(candidate, X, k, seed)
    note = data_note(seed, X=X)
    Z = as_real_array(model.call("transform", X), (n, k), "transform(X)")
    values, _ = covariance_spectrum(X)
    cov = np.cov(Z, rowvar=False)
    if close(cov, np.diag(values[:k]), rtol=1e-8, atol_scale=1e-9):
        return
    fail_components(X, fit["components_"], note)
    wanted = np.round(values[:k], 4).tolist()
    fail(f"the covariance of transform(X) (ddof = 1) should be diag({wanted}), the k largest "
         f"variances, but it is {np.round(cov, 4).tolist()} {note}")


@check("correctness")
def test_inverse_transform_values(candidate, rng, seed):
    """inverse_transform(Z) is Z @ components_ + mean_ with the model's own components_ and
    mean_."""
    X = spectrum_data(rng, 50, 4)
    model, fit = fitted(candidate, X, 2, seed)
    Z = 2 * rng.normal(size=(9, 2))
    note = data_note(seed, X=X, Z=Z)
    out = as_real_array(model.call("inverse_transform", Z), (9, 4), "inverse_transform(Z)")
    mean, C = fit["mean_"], fit["components_"]
    expected = Z @ C + mean
    if close(out, expected):
        return
    if close(out, Z @ C):
        fail(f"inverse_transform(Z) does not add the mean back: Z @ components_ + mean_ {note}")
    fail(f"inverse_transform(Z) is not Z @ components_ + mean_ with your own components_ and "
         f"mean_: {worst_gap(out, expected)} {note}")


@check("correctness")
def test_reconstruction_error(candidate, rng, seed):
    """inverse_transform(transform(X)) loses exactly the dropped variance: the summed squared
    error divided by n - 1 is the sum of the d - k smallest eigenvalues; with k = d nothing is
    lost."""
    n, d = 60, 5
    X = spectrum_data(rng, n, d)
    values, _ = covariance_spectrum(X)
    for k in (2, d):
        model, fit = fitted(candidate, X, k, seed)
        note = data_note(seed, X=X) + f" with n_components={k}"
        Z = as_real_array(model.call("transform", X), (n, k), "transform(X)")
        X_hat = as_real_array(model.call("inverse_transform", Z), (n, d),
                              "inverse_transform(transform(X))")
        error = float(np.sum((X - X_hat) ** 2)) / (n - 1)
        dropped = float(np.sum(values[k:]))
        if np.isclose(error, dropped, rtol=1e-7, atol=1e-10 * values.sum()):
            continue
        fail_components(X, fit["components_"], note)
        if k == d:
            fail(f"with n_components = d, inverse_transform(transform(X)) should give X back, "
                 f"but {worst_gap(X_hat, X)} {note}")
        fail(f"np.sum((X - inverse_transform(transform(X))) ** 2) / (n - 1) should be the sum "
             f"of the dropped eigenvalues, {dropped:.8g}, but it is {error:.8g}: transform "
             f"and inverse_transform must use the same mean_ and components_ {note}")


@check("correctness")
def test_wide_data_real_output(candidate, rng, seed, kata):
    """With fewer samples than features (n = 8, d = 20) the components, variances and
    transform are real numbers and right; the covariance then has many zero eigenvalues."""
    n, d, k = 8, 20, 3
    X = spectrum_data(rng, n, d, decay=0.75)
    model, fit = fitted(candidate, X, k, seed)
    note = data_note(seed, X=X)
    values, vectors = covariance_spectrum(X)
    as_real_array(model.call("transform", X), (n, k), "transform(X)")
    fail_components(X, fit["components_"], note)
    if not close(fit["explained_variance_"], values[:k], rtol=1e-8):
        fail(f"with fewer samples than features, "
             f"{variance_mistake(kata, X, fit['explained_variance_'], values)} {note}")


# --- vectorization --------------------------------------------------------------------------

K_LOOP = 2
LOOP_ADVICE = ("Centre with X - X.mean(axis=0) and decompose the whole matrix at once: "
               "np.linalg.svd(Xc, full_matrices=False), or np.linalg.eigh(Xc.T @ Xc / (n - 1)); "
               "transform is one matrix product. Only a loop over the n_components components "
               "may stay.")


def work_at(rng, n, d):
    X, X_new = spectrum_data(rng, n, d), spectrum_data(rng, n, d)
    return Workload((call("fit", X), call("transform", X_new),
                     call("inverse_transform", np.zeros((n, K_LOOP)))), CLASS, (K_LOOP,),
                    f"X {(n, d)} with n_components = {K_LOOP}", same=same_up_to_column_signs)


test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 5},
                                             LOOP_ADVICE, allowed=ALLOWED)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE, allowed=ALLOWED)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    X = spectrum_data(rng, 30, 4)
    Z = rng.normal(size=(6, 2))
    return [Workload((call("fit", X),), CLASS, (2,)),
            Workload((call("fit", X), call("transform", X[:8] + 0.5)), CLASS, (2,)),
            Workload((call("fit", X), call("inverse_transform", Z)), CLASS, (2,))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="Compute a new array instead: Xc = X - self.mean_ (X -= ... changes the caller's X).",
    doc="fit, transform and inverse_transform leave their input arrays unchanged.")


# --- performance ----------------------------------------------------------------------------

N_BIG, D_BIG, K_BIG = 20_000, 40, 5


def big_data(rng):
    return {"X": spectrum_data(rng, N_BIG, D_BIG)}


test_speed_at_scale = standard.speed(
    big_data,
    [(Workload((call("fit", stored("X")),), CLASS, (K_BIG,), same=same_up_to_column_signs),
      f"fit on X ({N_BIG}, {D_BIG}) with n_components = {K_BIG}")],
    "An (n, n) array? np.linalg.svd(Xc) builds U of shape (n, n) unless full_matrices=False; "
    "otherwise look for a loop that never shows up as Python lines or large copies of X.",
    doc=f"fit on X ({N_BIG}, {D_BIG}) runs in time and memory comparable to the reference.")
