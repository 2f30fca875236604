"""Hidden checks for the kmeans kata.

The examiner hands every run its starting centroids (``init``), so a run is reproducible without
any global random state, and chooses data on which the statement's Lloyd's algorithm is well
posed (no near-ties, no empty cluster unless a check wants one): there, every valid
implementation takes exactly the same path. Expected values come from the reference solution
imported here, in the examiner's process; ``katakit.author.unsupervised.lloyd`` tells how the
data behave and replays the classic mistakes to name them.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerRaised, Workload, as_array, call, check, close, data_note,
                            fail, probes, returned, standard, stored, worst_gap)
from katakit.author.unsupervised import (as_history, as_labels, blobs, lloyd, nearest,
                                         squared_distances)

CLASS = "KMeans"
DEFAULT_ITERS = 100
ALLOWED = "a loop over the k clusters"


# --- data the examiner controls -------------------------------------------------------------

def crowded_init(rng, X, k):
    """k distinct rows of X, all near one random sample: the centroids must travel, so Lloyd's
    algorithm needs several iterations."""
    centre = X[rng.integers(len(X))]
    near = np.argsort(((X - centre) ** 2).sum(axis=1))[: 3 * k]
    return X[rng.choice(near, k, replace=False)].copy()


def problem(rng, n, d, k, min_iters=3, separation=3.0, crowded=False):
    """(X, init) on which Lloyd's algorithm is well posed and runs at least ``min_iters``
    iterations (counting the one that finds nothing changed)."""
    for _ in range(500):
        X = blobs(rng, n, d, k, separation=separation)
        init = crowded_init(rng, X, k) if crowded else X[rng.choice(n, k, replace=False)].copy()
        run = lloyd(X, init)
        if run.well_posed() and run.iterations + run.converged >= min_iters:
            return X, init
    raise RuntimeError("no well-posed k-means problem found")  # never seen


def small_problem(rng, n, d, k):
    """(X, init) of any size, k <= n, on which no cluster ever empties."""
    for _ in range(500):
        X = blobs(rng, n, d, k)
        init = X[rng.choice(n, k, replace=False)].copy()
        if not lloyd(X, init).emptied:
            return X, init
    raise RuntimeError("no k-means problem without empty clusters found")  # never seen


def reference_fit(reference, X, init, max_iters=DEFAULT_ITERS):
    model = reference.KMeans(len(init), max_iters=max_iters)
    history = np.array(model.fit(X.copy(), init.copy()))
    return history, model.centroids_, model.labels_


# --- reading the learner's results ----------------------------------------------------------

def fit_learner(candidate, X, init, max_iters=None, seed=None):
    """Fit a new learner model; (history, centroids_, labels_) checked for type and shape."""
    (n, d), k = X.shape, len(init)
    model = (candidate.new(CLASS, k) if max_iters is None else
             candidate.new(CLASS, k, max_iters=max_iters))
    label = "fit(X, init)" if max_iters is None else f"fit(X, init) with max_iters={max_iters}"
    value = model.call("fit", X, init)
    note = data_note(seed, X=X, init=init)
    if isinstance(value, (list, tuple, np.ndarray)) and len(value) == 0:
        fail(f"{label} returned an empty history, but the first iteration always counts (there "
             "is no previous assignment to compare with), so fit records at least one inertia, "
             "also when init is already a fixed point. An empty history comes from comparing "
             "the new centroids with the old ones (a float ==) before recording: stop on the "
             "assignment instead, np.array_equal(labels, previous), checked right after the "
             f"assignment {note}")
    history = as_history(value, f"{label} {note}", max_iters or DEFAULT_ITERS)
    centroids = as_array(model.get("centroids_"), (k, d), f"centroids_ after {label} {note}")
    labels = as_labels(model.get("labels_"), n, k, f"labels_ after {label} {note}")
    return model, history, centroids, labels


# --- naming the classic mistakes ------------------------------------------------------------

def summed_over_centroids(X, centroids):
    """The wrong-axis mistake: squared differences summed over the centroid axis (axis=1 of
    the (n, k, d) differences), then argmin over what is left: the features."""
    return np.argmin(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=1), axis=1)


def ties_to_highest(X, centroids):
    D = squared_distances(X, centroids)
    return D.shape[1] - 1 - np.argmin(D[:, ::-1], axis=1)


WRONG_AXIS = ("the squared differences are summed over the wrong axis: with diff = "
              "X[:, None, :] - centroids[None, :, :] of shape (n, k, d), sum over the features "
              "(axis=2), then take np.argmin(..., axis=1) over the k centroids")
TIES_HIGH = ("ties go to the highest centroid index; the spec gives them to the lowest: "
             "np.argmin returns the first minimum, and in a loop over clusters only a strictly "
             "smaller distance (<, not <=) may replace the best so far")
ASSIGNMENTS = ((WRONG_AXIS, summed_over_centroids), (TIES_HIGH, ties_to_highest))


def assignment_mistake(X, labels, *centroid_sets) -> str:
    """The classic assignment mistake that gives ``labels`` with one of the centroid sets
    (those the labels may have been computed with), or ''."""
    for meaning, assign in ASSIGNMENTS:
        if any(np.array_equal(labels, assign(X, centroids)) for centroids in centroid_sets
               if np.all(np.isfinite(centroids))):
            return meaning
    return ""


INERTIA_FIX = ("the inertia is np.sum((X - centroids[labels]) ** 2), measured after the "
               "update, once per iteration")
VARIANTS = (  # (meaning, lloyd options, transform of the history)
    ("the final pass that changed no assignment is recorded too: stop as soon as the "
     "assignment repeats, before updating and recording", dict(record_last=True), None),
    ("the inertia is measured before the update (with the centroids the samples were assigned "
     "to); the spec records it after the update", dict(inertia="before"), None),
    ("the inertia is a mean, not a sum: do not divide by n", {}, "mean"),
    ("the inertia sums distances instead of squared distances: drop the square root",
     dict(inertia="root"), None),
    ("an empty cluster's centroid becomes nan (the mean of no samples): keep its previous "
     "centroid instead", dict(empty="nan"), None),
    ("an empty cluster's centroid moves to the origin (sums / np.maximum(counts, 1)): keep "
     "its previous centroid instead", dict(empty="zero"), None),
    (WRONG_AXIS, dict(assign=summed_over_centroids), None),
    (TIES_HIGH, dict(assign=ties_to_highest), None),
)


def closest_mistake(X, init, max_iters, history, centroids=None) -> str:
    """The classic mistake whose Lloyd's run reproduces the learner's history (and centroids),
    or ''. A variant that behaves like the right algorithm on these data names nothing."""
    def agree(history_a, centroids_a, history_b, centroids_b):
        return len(history_a) == len(history_b) and close(history_a, history_b, rtol=1e-8) \
            and (centroids_a is None or close(centroids_a, centroids_b, rtol=1e-8))

    right = lloyd(X, init, max_iters)
    for meaning, options, transform in VARIANTS:
        try:
            with np.errstate(all="ignore"):
                run = lloyd(X, init, max_iters, **options)
        except IndexError:  # a label that is no centroid index
            continue
        wrong = run.history / len(X) if transform == "mean" else run.history
        if agree(history, centroids, wrong, run.centroids) and not agree(
                wrong, run.centroids, right.history, right.centroids):
            return meaning
    return ""


def with_meaning(text: str, meaning: str) -> str:
    return f"{text}: {meaning}" if meaning else text


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """fit returns a list of floats; centroids_ is (k, d), labels_ (n,) integers and predict
    (m,) integers, including one sample, one feature, k = 1 and k = n."""
    for n, d, k in ((1, 1, 1), (5, 1, 2), (4, 3, 4), (30, 2, 3)):
        X, init = small_problem(rng, n, d, k)
        note = f"(seed {seed}; n={n}, d={d}, k={k})"
        model, _, centroids, _ = fit_learner(candidate, X, init, seed=seed)
        X_new = blobs(rng, 3, d, k)
        as_labels(model.call("predict", X_new), 3, k, f"predict of a (3, {d}) array {note}")
        if not np.all(np.isfinite(centroids)):
            fail(f"centroids_ after fit(X, init) contains nan or inf {note}")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_first_iteration(candidate, reference, rng, seed):
    """With max_iters=1, fit assigns each sample to its nearest init centroid, moves each
    centroid to the mean of its samples, and records that inertia."""
    n, d, k = 60, 3, 4
    X, init = problem(rng, n, d, k)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, max_iters=1, seed=seed)
    expected_history, expected_centroids, expected_labels = reference_fit(reference, X, init, 1)
    if len(history) != 1:
        fail(f"with max_iters=1 fit returned {len(history)} inertias; it runs one iteration "
             f"and records one {note}")
    if not np.array_equal(labels, expected_labels) and close(centroids, expected_centroids) \
            and np.array_equal(labels, nearest(X, centroids)):
        fail(f"the centroids after one iteration are right, but labels_ is the assignment to "
             f"those new centroids (predict(X) after the loop); labels_ must be the "
             f"assignment the iteration used, to the init centroids {note}")
    if not np.array_equal(labels, expected_labels):
        wrong = int(np.argmax(labels != expected_labels))
        fail(with_meaning(f"labels_ is not the index of each sample's nearest init centroid "
                          f"(sample {wrong}: yours {labels[wrong]}, nearest "
                          f"{expected_labels[wrong]})",
                          assignment_mistake(X, labels, init)) + f" {note}")
    if not close(centroids, expected_centroids):
        moved = not close(centroids, init)
        fail(f"after one iteration each centroid should be the mean of the samples assigned to "
             f"it, X[labels == j].mean(axis=0): "
             f"{worst_gap(centroids, expected_centroids) if moved else 'yours did not move'} "
             f"{note}")
    if not close(history, expected_history):
        fail(with_meaning(f"the inertia after one iteration is {history[0]:.10g}, expected "
                          f"{expected_history[0]:.10g}",
                          closest_mistake(X, init, 1, history)) + f" ({INERTIA_FIX}) {note}")


def tie_problem(rng):
    """Integer data whose init is a fixed point in which five samples are exactly as far from
    two or four centroids; small integers keep every distance exact, however computed."""
    init = np.array([[0, 0], [4, 0], [0, 4], [4, 4]], dtype=float)
    ties = np.array([[2, 0], [0, 2], [2, 2], [4, 2], [2, 4]], dtype=float)
    winners = np.array([0, 0, 0, 1, 2])  # the lowest index among the tied centroids
    balance = np.array([[-1, -1]] * 4 + [[4, -1]] * 2 + [[-1, 4]] * 2 + [[5, 5], [3, 3]],
                       dtype=float)  # each cluster's mean is exactly its centroid
    shift = rng.integers(-5, 6, size=2).astype(float)
    X = np.vstack([ties, balance]) + shift
    order = rng.permutation(len(X))
    expected = np.concatenate([winners, [0] * 4 + [1] * 2 + [2] * 2 + [3] * 2])[order]
    return X[order], init + shift, expected, ties + shift, winners


@check("correctness")
def test_tie_goes_to_lowest_index(candidate, rng, seed):
    """A sample exactly as far from several centroids goes to the lowest index, in fit and in
    predict."""
    X, init, expected, ties, winners = tie_problem(rng)
    note = data_note(seed, X=X, init=init)
    model, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    if not np.array_equal(labels, expected):
        wrong = int(np.argmax(labels != expected))
        distances = squared_distances(X[wrong:wrong + 1], init)[0]
        tied = np.flatnonzero(distances == distances.min())
        mistake = assignment_mistake(X, labels, init, centroids)
        if len(tied) == 1:
            fail(with_meaning(f"sample {wrong} of X, {X[wrong]}, is nearest to centroid "
                              f"{tied[0]} (no tie), but labels_ gives it {labels[wrong]}",
                              mistake) + f" {note}")
        fail(with_meaning(f"sample {wrong} of X, {X[wrong]}, is exactly as far from centroids "
                          f"{', '.join(map(str, tied))}; labels_ gives it {labels[wrong]}, the "
                          f"spec {expected[wrong]}", mistake or
                          "ties go to the lowest centroid index") + f" {note}")
    if not np.array_equal(centroids, init):
        fail(f"init is a fixed point of this data (each cluster's mean is its centroid, ties "
             f"going to the lowest index), yet fit moved the centroids: "
             f"{worst_gap(centroids, init)} {note}")
    predicted = as_labels(model.call("predict", ties), len(ties), 4,
                          "predict of samples on ties")
    if not np.array_equal(predicted, winners):
        fail(with_meaning(f"predict gives the tied samples {ties.tolist()} the labels "
                          f"{predicted.tolist()}, the spec {winners.tolist()}",
                          assignment_mistake(ties, predicted, init, centroids) or
                          "ties go to the lowest centroid index") + f" {note}")


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) gives each new sample the index of its nearest centroid in centroids_."""
    n, d, k = 80, 3, 4
    X, init = problem(rng, n, d, k)
    model, _, centroids, _ = fit_learner(candidate, X, init, seed=seed)
    X_new = blobs(rng, 25, d, k)
    note = data_note(seed, X=X, X_new=X_new)
    predicted = as_labels(model.call("predict", X_new), 25, k, "predict(X_new)")
    if not np.all(np.isfinite(centroids)):
        fail(f"centroids_ after fit contains nan, so predict cannot be judged {note}")
    expected = nearest(X_new, centroids)
    if not np.array_equal(predicted, expected):
        wrong = int(np.argmax(predicted != expected))
        fail(with_meaning(f"predict(X_new) is not the nearest centroid of centroids_ (sample "
                          f"{wrong}: yours {predicted[wrong]}, nearest {expected[wrong]})",
                          assignment_mistake(X_new, predicted, centroids)) + f" {note}")


@check("correctness")
def test_k_equals_one(candidate, rng, seed):
    """With k = 1 the centroid is the mean of X, every label is 0, and fit records one
    iteration whose inertia is the total sum of squares."""
    X = blobs(rng, 40, 3, 2)
    init = X[[rng.integers(40)]].copy()
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    mean, total = X.mean(axis=0), float(np.sum((X - X.mean(axis=0)) ** 2))
    if not np.array_equal(labels, np.zeros(40, dtype=int)):
        fail(with_meaning(f"with k = 1 every label must be 0, yours has "
                          f"{np.unique(labels).tolist()}",
                          assignment_mistake(X, labels, centroids, init)) + f" {note}")
    if not close(centroids[0], mean):
        fail(f"with k = 1 the centroid must be X.mean(axis=0): {worst_gap(centroids[0], mean)}"
             f" {note}")
    if len(history) != 1 or not close(history, [total]):
        meaning = closest_mistake(X, init, DEFAULT_ITERS, history)
        fail(with_meaning(f"with k = 1 fit should return [{total:.10g}] (one iteration moves "
                          f"the centroid to the mean, the next changes no assignment and "
                          f"stops), yours returned {np.round(history, 6).tolist()[:5]}",
                          meaning) + f" {note}")


@check("correctness")
def test_empty_cluster(candidate, reference, rng, seed):
    """A centroid that no sample is nearest to keeps its place: no nan, no jump to the
    origin or to a data point."""
    X, start = problem(rng, 60, 2, 3)
    j = int(rng.integers(4))
    # farther from every sample than the data's diameter: never the nearest centroid, since
    # every other centroid stays inside the data's convex hull
    far = X.max(axis=0) + np.sqrt(2) * np.ptp(X, axis=0).max() + rng.uniform(5, 10, size=2)
    init = np.insert(start, j, far, axis=0)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    expected_history, expected_centroids, expected_labels = reference_fit(reference, X, init)
    if np.array_equal(centroids[j], init[j]) and np.all(np.isfinite(centroids)) and len(
            history) == len(expected_history) and close(history, expected_history) and \
            np.array_equal(labels, expected_labels):
        return
    where = f"centroid {j} starts at {np.round(far, 3)}, far from every sample, so its cluster " \
            "is empty in every iteration"
    if np.any(np.isnan(centroids)) or np.any(np.isnan(history)):
        fail(f"{where}, and yours became nan: the mean of no samples is nan (NumPy warns 'Mean "
             "of empty slice'). The spec keeps an empty cluster's centroid where it was: update "
             f"only clusters with members (if np.any(labels == j): ...) {note}")
    if close(centroids[j], 0):
        fail(f"{where}, and yours moved to the origin: sums / np.maximum(counts, 1) gives 0 for "
             "an empty cluster. Keep its previous centroid: np.where(counts[:, None] > 0, "
             f"sums / np.maximum(counts, 1)[:, None], centroids) {note}")
    if np.any(np.all(np.isclose(X, centroids[j]), axis=1)):
        fail(f"{where}, and yours jumped to a data point: the spec does not re-seed an empty "
             f"cluster, it keeps its centroid where it was {note}")
    if not np.array_equal(centroids[j], init[j]):
        fail(with_meaning(f"{where}; it must stay there, yours ended at "
                          f"{np.round(centroids[j], 4)}",
                          closest_mistake(X, init, DEFAULT_ITERS, history, centroids)) +
             f" {note}")
    gap = (worst_gap(history, expected_history) if len(history) == len(expected_history)
           else f"{len(history)} inertias instead of {len(expected_history)}")
    fail(with_meaning(f"{where}, and yours stays there, but your other results differ from "
                      f"Lloyd's ({gap})",
                      closest_mistake(X, init, DEFAULT_ITERS, history, centroids)) + f" {note}")


@check("correctness")
def test_k_greater_than_n(candidate, rng, seed):
    """fit refuses more clusters than samples: ValueError with a message that gives k and n."""
    X = blobs(rng, 3, 2, 2)
    init = blobs(rng, 5, 2, 2)
    model = candidate.new(CLASS, 5)
    try:
        value = model.call("fit", X, init)
    except LearnerRaised as error:
        if error.type == "NotImplementedError":
            raise  # not attempted yet: a todo, not a failure
        if error.type != "ValueError":
            fail(f"fit with k = 5 clusters and n = 3 samples raised {error.type} ({error.text}); "
                 "the spec asks for a ValueError, raised at the start of fit: "
                 "if self.k > X.shape[0]: raise ValueError(f'k = {self.k} > n = {n} ...')")
        if "5" not in error.text or "3" not in error.text:
            fail(f"fit with k = 5 clusters and n = 3 samples raised ValueError('{error.text}'); "
                 "make the message say both numbers, e.g. 'k = 5 clusters need at least 5 "
                 "samples, X has 3'")
        return
    fail(f"fit with k = 5 clusters and only n = 3 samples returned {returned(value)}; it must "
         "raise ValueError (k clusters need at least k samples) at the start of fit "
         f"{data_note(seed, X=X, init=init)}")


@check("correctness")
def test_permutation_equivariance(candidate, rng, seed):
    """Shuffling the samples shuffles labels_ the same way and changes neither the centroids nor
    the inertia history."""
    X, init = problem(rng, 70, 3, 4)
    order = probes.permutation(rng, 70)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    _, history_p, centroids_p, labels_p = fit_learner(candidate, X[order], init, seed=seed)
    if not np.array_equal(labels_p, labels[order]):
        fail(f"fit on the rows of X in another order (X[order]) should give labels_ == "
             f"labels_[order] of the fit on X, but they differ at "
             f"{int(np.sum(labels_p != labels[order]))} samples: does your code depend on the "
             f"order of the samples (an online update, a global random draw, the first k rows "
             f"instead of init)? {note}")
    if not (close(centroids_p, centroids, rtol=1e-8) and len(history_p) == len(history)
            and close(history_p, history, rtol=1e-8)):
        fail(f"fit on X[order] should give the same centroids and inertias as fit on X: "
             f"{worst_gap(centroids_p, centroids)} {note}")


@check("correctness")
def test_translation_equivariance(candidate, rng, seed):
    """Shifting X and init by the same vector shifts the centroids by it and changes neither the
    labels nor the inertia history."""
    X, init = problem(rng, 70, 3, 4)
    shift = rng.uniform(-30, 30, size=3)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    _, history_s, centroids_s, labels_s = fit_learner(candidate, X + shift, init + shift,
                                                      seed=seed)
    if not np.array_equal(labels_s, labels):
        fail(f"fit on X + shift from init + shift (shift = {np.round(shift, 3)}) should give the "
             f"same labels as fit on X, but {int(np.sum(labels_s != labels))} differ: distances "
             f"must only depend on differences x - c {note}")
    if not close(centroids_s, centroids + shift, rtol=1e-8):
        fail(f"fit on X + shift should give centroids_ + shift (shift = {np.round(shift, 3)}): "
             f"{worst_gap(centroids_s, centroids + shift)} {note}")
    if len(history_s) != len(history) or not close(history_s, history, rtol=1e-8):
        gap = (worst_gap(history_s, history) if len(history_s) == len(history) else
               f"{len(history_s)} instead of {len(history)} iterations")
        fail(f"fit on X + shift should give the same inertias as fit on X (shift = "
             f"{np.round(shift, 3)}): {gap} {note}")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_lloyd_trajectory(candidate, reference, rng, seed):
    """From the same init, every iteration is Lloyd's: the same inertias, iteration by
    iteration, the same stopping point, the same final centroids and labels."""
    n, d, k = 120, 3, 5
    X, init = problem(rng, n, d, k, min_iters=5, crowded=True)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, seed=seed)
    expected, expected_centroids, expected_labels = reference_fit(reference, X, init)
    if len(history) == len(expected) and close(history, expected) and close(
            centroids, expected_centroids) and np.array_equal(labels, expected_labels):
        return
    meaning = closest_mistake(X, init, DEFAULT_ITERS, history, centroids)
    if len(history) != len(expected):
        fail(with_meaning(f"fit ran {len(history)} iterations, Lloyd's algorithm from the same "
                          f"init {len(expected)} (the last one changes no assignment and is "
                          "not recorded)", meaning or (
                              "it never stopped: stop when an iteration's assignment equals the "
                              "previous one" if len(history) == DEFAULT_ITERS else "")) +
             f" {note}")
    if not close(history, expected):
        step = int(np.argmax(~np.isclose(history, expected, rtol=1e-9)))
        fail(with_meaning(f"the inertia history is not Lloyd's: it first differs at iteration "
                          f"{step} (yours {history[step]:.10g}, expected "
                          f"{expected[step]:.10g})", meaning) + f" ({INERTIA_FIX}) {note}")
    state = ("labels_ differ" if not np.array_equal(labels, expected_labels) else
             worst_gap(centroids, expected_centroids))
    fail(with_meaning(f"the inertias are right but the final state is not: {state}", meaning)
         + f" {note}")


@check("convergence")
def test_inertia_never_increases(candidate, rng, seed):
    """The inertia never goes up from one iteration to the next, from several starts."""
    for attempt in range(3):
        X, init = problem(rng, 60, 2, 4, crowded=attempt > 0)
        _, history, _, _ = fit_learner(candidate, X, init, seed=seed)
        rises = np.flatnonzero(np.diff(history) > 1e-12 * history[0])
        if rises.size:
            step = int(rises[0]) + 1
            meaning = closest_mistake(X, init, DEFAULT_ITERS, history)
            fail(with_meaning(f"the inertia went up at iteration {step}, from "
                              f"{history[step - 1]:.10g} to {history[step]:.10g}; each Lloyd "
                              "step can only lower it (the assignment picks the nearest "
                              "centroid, the update moves each centroid to its samples' mean)",
                              meaning) + f" {data_note(seed, X=X, init=init)}")


@check("convergence")
def test_fixed_point(candidate, reference, rng, seed):
    """From centroids Lloyd's algorithm has converged to, fit records one iteration and changes
    nothing: the same centroids, the same labels."""
    X, init = problem(rng, 80, 3, 4)
    expected, C, L = reference_fit(reference, X, init)
    note = data_note(seed, X=X, init=C)
    _, history, centroids, labels = fit_learner(candidate, X, C, seed=seed)
    if not (close(centroids, C) and np.array_equal(labels, L)):
        fail(with_meaning(f"init is a fixed point of Lloyd's algorithm here (the centroids it "
                          f"converged to), yet fit moved it: {worst_gap(centroids, C)}",
                          closest_mistake(X, C, DEFAULT_ITERS, history, centroids)) +
             f" {note}")
    if len(history) != 1 or not close(history, expected[-1:]):
        extra = ("the second entry repeats the first: the final pass that changes no "
                 "assignment is not recorded" if len(history) == 2 and close(
                     history[1], history[0]) else "")
        fail(with_meaning(f"from a fixed point fit should return [{expected[-1]:.10g}] (one "
                          f"iteration, then the assignment repeats and fit stops), yours "
                          f"returned {np.round(history, 8).tolist()[:5]}", extra) + f" {note}")


@check("convergence")
def test_max_iters_respected(candidate, reference, rng, seed):
    """fit stops after max_iters iterations even when the assignment still changes, leaving
    the centroids and labels of that iteration."""
    X, init = problem(rng, 100, 3, 4, min_iters=5, crowded=True)
    note = data_note(seed, X=X, init=init)
    _, history, centroids, labels = fit_learner(candidate, X, init, max_iters=2, seed=seed)
    expected, expected_centroids, expected_labels = reference_fit(reference, X, init, 2)
    if len(history) != 2:
        fail(f"with max_iters=2, on data that needs more iterations, fit should run exactly 2 "
             f"iterations and return 2 inertias; yours returned {len(history)} {note}")
    if close(history, expected) and close(centroids, expected_centroids) and \
            not np.array_equal(labels, expected_labels):
        why = (": yours assigns the points to the final centroids after the loop (predict(X) "
               "on them); labels_ must be the assignment the last iteration used"
               if np.array_equal(labels, nearest(X, centroids)) else
               ": labels_ must be the assignment the last iteration used")
        fail(f"with max_iters=2 the inertias and centroids are Lloyd's, but labels_ differs "
             f"for {int(np.sum(labels != expected_labels))} of {len(labels)} points{why} "
             f"{note}")
    if not (close(history, expected) and close(centroids, expected_centroids)
            and np.array_equal(labels, expected_labels)):
        meaning = closest_mistake(X, init, 2, history, centroids)
        gap = (f"{worst_gap(history, expected)} in the inertias" if not close(history, expected)
               else f"{worst_gap(centroids, expected_centroids)} in the centroids")
        fail(with_meaning(f"after 2 iterations the state is not Lloyd's ({gap}; labels_ must "
                          "be the assignment of the last iteration)", meaning) + f" {note}")


# --- vectorization --------------------------------------------------------------------------

K_LOOP, ITERS_LOOP = 4, 3
LOOP_ADVICE = ("Compute all n x k distances at once, e.g. ((X[:, None, :] - "
               "centroids[None, :, :]) ** 2).sum(axis=2), then np.argmin(..., axis=1); a centroid "
               "is X[labels == j].mean(axis=0). Only a loop over the k clusters may stay.")


def work_at(rng, n, d):
    """3 iterations of fit (the data need more) and predict, with k = 4 clusters fixed."""
    X, init = problem(rng, n, d, K_LOOP, min_iters=ITERS_LOOP + 1, separation=1.0,
                      crowded=True)
    return Workload((call("fit", X, init), call("predict", X)), CLASS, (K_LOOP,),
                    f"X {(n, d)} with k = {K_LOOP} and max_iters = {ITERS_LOOP}",
                    init_kwargs={"max_iters": ITERS_LOOP})


test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 5},
                                             LOOP_ADVICE, allowed=ALLOWED)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE, allowed=ALLOWED)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    X, init = problem(rng, 40, 3, 4)
    return [Workload((call("fit", X, init),), CLASS, (4,)),
            Workload((call("fit", X, init), call("predict", X[:10] + 0.5)), CLASS, (4,))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="Work on a copy: centroids = np.array(init, dtype=float). A plain `centroids = init` "
        "is the caller's array under a second name, so centroids[j] = ... writes into it; "
        "never assign into X either.",
    doc="fit and predict leave their input arrays (X and init) unchanged.")


# --- performance ----------------------------------------------------------------------------

N_BIG, D_BIG, K_BIG, ITERS_BIG = 10_000, 10, 8, 5


def big_problem(rng):
    X = blobs(rng, N_BIG, D_BIG, K_BIG)
    return {"X": X, "init": crowded_init(rng, X, K_BIG)}


test_speed_at_scale = standard.speed(
    big_problem,
    [(Workload((call("fit", stored("X"), stored("init")),) * 2, CLASS, (K_BIG,),
               init_kwargs={"max_iters": ITERS_BIG}),
      f"{ITERS_BIG} iterations of fit on X ({N_BIG}, {D_BIG}) with k = {K_BIG}")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map over the rows of X) or a large copy of X "
    "made in every iteration.",
    doc=f"{ITERS_BIG} iterations of fit on X ({N_BIG}, {D_BIG}) with k = {K_BIG} run in time and "
        "memory comparable to the reference.")
