"""Hidden checks for the knn kata.

Expected neighbours come from a brute-force search in the examiner's process (the exact
difference form, a stable sort), expected votes from the reference solution imported here; the
learner's class only ever runs in the sandboxed worker behind ``candidate``. Ties are judged
only on integer data, where every way of computing a distance is exact; the other checks use
random data, where ties do not occur.
"""

from __future__ import annotations

import re

import numpy as np

from katakit.author import (LearnerObject, LearnerRaised, Workload, as_array, call, check,
                            close, data_note, fail, probes, returned, same_values, standard,
                            stored, worst_gap)
from katakit.author.peak_memory import memory_check
from katakit.candidate.errors import NotAttempted

CLASS = "KNNClassifier"
FIX_SORT = "np.argsort(D2, axis=1, kind=\"stable\")[:, :k]"


# --- data and brute force -------------------------------------------------------------------

def clustered(rng, n, d, labels, spread=1.6):
    """Points around one centre per label, overlapping enough that neighbours disagree."""
    classes = np.unique(labels)
    codes = rng.integers(0, len(classes), size=n)
    centres = spread * rng.normal(size=(len(classes), d))
    return centres[codes] + rng.normal(size=(n, d)), classes[codes]


def exact_distances(Q, X):
    """All (m, n) Euclidean distances by the difference form (no cancellation)."""
    return np.sqrt(np.sum((Q[:, None, :] - X[None, :, :]) ** 2, axis=2))


def brute_force(Q, X, k):
    """The k nearest by distance, ties to the lower index: (distances, indices)."""
    distances = exact_distances(Q, X)
    order = np.argsort(distances, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(distances, order, axis=1), order


def same_result(mine, expected) -> bool:
    """Results compared while measured; what fit returns is not graded."""
    if not isinstance(expected, (tuple, list, np.ndarray)):
        return True
    return same_values(mine, expected)


def fitted(candidate, k, X, y):
    model = candidate.new(CLASS, k=k)
    model.call("fit", X, y)
    return model


# --- reading what the learner returned ------------------------------------------------------

def as_neighbours(value, m, k, what="kneighbors(X)"):
    """(distances as floats, indices as ints), both (m, k), or a failure naming the mistake."""
    if isinstance(value, LearnerObject) or not isinstance(value, (tuple, list)) or \
            len(value) != 2:
        fail(f"{what} should return the tuple (distances, indices), but it returned "
             f"{returned(value)}")
    first, second = (np.asarray(v) if isinstance(v, (list, tuple, np.ndarray)) else v
                     for v in value)
    if isinstance(first, np.ndarray) and isinstance(second, np.ndarray) and \
            first.dtype.kind in "iu" and second.dtype.kind == "f":
        fail(f"{what} returned (indices, distances): the spec's order is (distances, "
             "indices), distances first")
    distances = as_array(first, (m, k), f"the distances returned by {what}")
    indices = as_array(second, (m, k), f"the indices returned by {what}")
    if not isinstance(second, np.ndarray) or second.dtype.kind not in "iu":
        kind = second.dtype if isinstance(second, np.ndarray) else type(second).__name__
        fail(f"the indices returned by {what} should be an integer array (row numbers into "
             f"the training X, as np.argsort gives them), but they are {kind}")
    return distances, indices.astype(np.int64)


def as_labels(value, m, what):
    """The predicted labels as a 1-D array of m items, or a failure saying why not."""
    if isinstance(value, LearnerObject):
        if "object" in value.type:
            fail(f"{what} returned an array of dtype object: return the labels in an array of "
                 "their own kind, e.g. classes[winners] or self.y[...] (strings stay '<U...')")
        fail(f"{what} should return an array of {m} labels, but it returned {returned(value)}")
    if not isinstance(value, (list, tuple, np.ndarray)):
        fail(f"{what} should return an array of {m} labels, but it returned {returned(value)}")
    labels = np.asarray(value)
    if labels.shape != (m,):
        if labels.ndim == 2 and m in labels.shape:
            fail(f"{what} returned shape {labels.shape}: one label per query, shape ({m},) "
                 "(take the winner with np.argmax(counts, axis=1), a 1-D array)")
        fail(f"{what} should have shape ({m},), but it has shape {labels.shape}")
    return labels


def same_labels(labels, expected) -> np.ndarray:
    """Per query: is the learner's label the expected one (1 == 1.0, but 1 != "1")?"""
    return np.array([isinstance(a, str) == isinstance(b, str) and a == b
                     for a, b in zip(labels.tolist(), expected.tolist())], dtype=bool)


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, m, n, d, k):
    X, Q = rng.normal(size=(n, d)), rng.normal(size=(m, d))
    y = rng.integers(0, 3, size=n)
    workload = Workload((call("fit", X, y), call("kneighbors", Q), call("predict", Q)), CLASS,
                        init_kwargs={"k": k})
    return workload, (None, standard.pair(standard.array((m, k)), standard.array((m, k))),
                      standard.vector(m))


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"m": 1, "n": 1, "d": 1, "k": 1}, {"m": 3, "n": 5, "d": 1, "k": 5},
                   {"m": 4, "n": 12, "d": 3, "k": 3}, {"m": 1, "n": 7, "d": 2, "k": 1}],
    doc="kneighbors returns two (m, k) arrays and predict an (m,) array, also for one query, "
        "one training point, one feature and k = n.")


# --- correctness: neighbours ----------------------------------------------------------------

def neighbour_mistake(Q, X, k, distances, indices) -> str:
    """Name what explains wrong neighbours, as a sentence with the fix."""
    n = len(X)
    all_distances, order = brute_force(Q, X, n)
    expected_d, expected_i = all_distances[:, :k], order[:, :k]
    if np.array_equal(indices, expected_i):
        if close(distances, expected_d ** 2, rtol=1e-7):
            return ("the indices are right but the distances are squared: return "
                    "np.sqrt(np.maximum(D2, 0)), the Euclidean distance itself")
        manhattan = np.take_along_axis(np.abs(Q[:, None, :] - X[None]).sum(2), indices, 1)
        if close(distances, manhattan, rtol=1e-7):
            return ("the indices are right but the distances are Manhattan (L1) sums of "
                    "absolute differences: the spec uses the Euclidean distance")
        return (f"the indices are right but the distances are not the Euclidean distances to "
                f"those points: {worst_gap(distances, expected_d)}")
    if np.any(indices < 0) or np.any(indices >= n):
        return (f"some indices are outside 0 .. {n - 1}: return row numbers into the training "
                "X (np.argsort along axis=1 of the (m, n) distance matrix)")
    if k < n and np.array_equal(indices, order[:, 1:k + 1]):
        return ("the nearest training point of every query is skipped ([:, 1:k + 1]): that "
                "is leave-one-out on the training set itself; the queries here are new points, "
                "keep [:, :k]")
    if np.array_equal(indices, order[:, ::-1][:, :k]):
        return "these are the k farthest points: sort the distances in increasing order"
    if np.array_equal(np.sort(indices, axis=1), np.sort(expected_i, axis=1)):
        return ("the right k neighbours, but not nearest first: sort each row by distance "
                f"(np.argpartition alone leaves them unordered), e.g. {FIX_SORT}")
    manhattan_order = np.argsort(np.abs(Q[:, None, :] - X[None]).sum(2), 1, kind="stable")
    if np.array_equal(indices, manhattan_order[:, :k]):
        return ("these are the nearest points by the Manhattan (L1) distance: the spec uses "
                "the Euclidean distance sqrt(sum of squared differences)")
    row = int(np.argmax(np.any(indices != expected_i, axis=1)))
    return (f"these are not the k nearest training points: for query {row}, yours are "
            f"{indices[row].tolist()}, expected {expected_i[row].tolist()} at distances "
            f"{np.round(expected_d[row], 4).tolist()}. Compute the (m, n) matrix of squared "
            f"distances and sort each row (axis=1): {FIX_SORT}")


@check("correctness")
def test_kneighbors_brute_force(candidate, rng, seed):
    """kneighbors returns each query's k nearest training points by Euclidean distance,
    nearest first, with their distances: the same as a brute-force search."""
    n, m, d, k = 60, 20, 3, 4
    X, Q = rng.normal(size=(n, d)), rng.normal(size=(m, d))
    y = rng.integers(0, 3, size=n)
    model = fitted(candidate, k, X, y)
    distances, indices = as_neighbours(model.call("kneighbors", Q), m, k)
    expected_d, expected_i = brute_force(Q, X, k)
    if np.array_equal(indices, expected_i) and close(distances, expected_d, rtol=1e-7):
        return
    fail(f"kneighbors(X) with k={k}: {neighbour_mistake(Q, X, k, distances, indices)} "
         f"{data_note(seed, X_train=X, X_query=Q)}")


@check("correctness")
def test_zero_distance_to_training_points(candidate, rng, seed):
    """A query equal to a training point is at distance 0 from it (up to rounding, never
    nan), so with k = 1 predict on the training points returns their own labels."""
    n, d = 150, 6
    X = 20.0 + 3.0 * rng.normal(size=(n, d))  # far from the origin: the expanded form cancels
    y = rng.integers(0, 4, size=n)
    note = data_note(seed, X_train=X, X_query=X)
    distances, indices = as_neighbours(fitted(candidate, 3, X, y).call("kneighbors", X), n, 3)
    if np.any(np.isnan(distances)):
        rows = int(np.sum(np.any(np.isnan(distances), axis=1)))
        fail(f"kneighbors on the training points themselves returned nan distances for {rows} "
             f"of {n} queries: the expanded form ||q||^2 - 2 q.x + ||x||^2 is not exactly 0 "
             "for q == x but a rounding residue such as -3e-15, and np.sqrt of a negative "
             "number is nan. Clip before the square root: np.sqrt(np.maximum(D2, 0)) "
             f"{note}")
    scale = float(np.max(np.linalg.norm(X, axis=1)))
    own = indices[:, 0] == np.arange(n)
    if not np.all(own) or np.max(np.abs(distances[:, 0])) > 1e-6 * scale:
        row = int(np.argmin(own)) if not np.all(own) else int(np.argmax(np.abs(distances[:, 0])))
        invalid = [w for w in candidate.take_warnings() if "invalid value" in w.message]
        why = ""
        if not own[row]:
            raised = (f" (your code raised \"{invalid[0].message}\""
                      + (f" at line {invalid[0].line}" if invalid[0].line else "") + ")"
                      if invalid else "")
            why = (f" Its distance was {'nan' if invalid else 'probably nan'}{raised}, and "
                   "np.argsort puts nan last: the expanded form ||q||^2 - 2 q.x + ||x||^2 "
                   "leaves a rounding residue such as -3e-15 instead of 0 for q == x, and "
                   "np.sqrt of a negative number is nan. Clip before the square root: "
                   "np.sqrt(np.maximum(D2, 0))")
        fail(f"query {row} equals training point {row}, so its nearest neighbour is that point "
             f"at distance 0 (up to rounding, at most {1e-6 * scale:.1g} here), but yours is "
             f"point {indices[row, 0]} at distance {distances[row, 0]:.6g}.{why} {note}")
    labels = as_labels(fitted(candidate, 1, X, y).call("predict", X), n, "predict(X_train)")
    if not np.all(same_labels(labels, y)):
        row = int(np.argmin(same_labels(labels, y)))
        fail(f"with k=1, predict on the training points must return their own labels (each "
             f"point is its own nearest neighbour), but for point {row} yours is "
             f"{labels.tolist()[row]!r}, its label is {y.tolist()[row]!r} {note}")


def tied_grid(rng, m=12, n=40, k=6):
    """Integer points on a small grid (exact distances, many ties), with at least one tie
    across the k-th place."""
    while True:
        X = rng.integers(-2, 3, size=(n, 2)).astype(float)
        Q = rng.integers(-2, 3, size=(m, 2)).astype(float)
        squared = np.sum((Q[:, None, :] - X[None]) ** 2, axis=2)
        ordered = np.sort(squared, axis=1)
        if np.sum(ordered[:, k - 1] == ordered[:, k]) >= 3:
            return X, Q


@check("correctness")
def test_neighbour_ties(candidate, rng, seed):
    """Training points at equal distances from a query come in increasing index order, also
    at the k-th place (integer data, where distances are exact)."""
    k = 6
    X, Q = tied_grid(rng, k=k)
    y = rng.integers(0, 2, size=len(X))
    distances, indices = as_neighbours(fitted(candidate, k, X, y).call("kneighbors", Q),
                                       len(Q), k)
    expected_d, expected_i = brute_force(Q, X, k)
    if np.array_equal(indices, expected_i):
        return
    note = data_note(seed, X_train=X, X_query=Q)
    exact = exact_distances(Q, X)
    inside = np.all((indices >= 0) & (indices < len(X)))
    if not inside or not np.array_equal(
            np.take_along_axis(exact, np.clip(indices, 0, len(X) - 1), 1), expected_d):
        fail(f"on integer points: {neighbour_mistake(Q, X, k, distances, indices)} {note}")
    row = int(np.argmax(np.any(indices != expected_i, axis=1)))
    mine, right = indices[row].tolist(), expected_i[row].tolist()
    extra, missing = sorted(set(mine) - set(right)), sorted(set(right) - set(mine))
    tied = np.flatnonzero(exact[row] == expected_d[row, k - 1]).tolist()
    where = (f"points {tied} tie for the last place(s), so the lowest of them must be taken, "
             f"but yours took {extra} instead of {missing}" if extra else
             "among points at the same distance, yours are not in increasing index order")
    fail(f"query {Q[row].tolist()} (integer data, exact distances): expected indices {right}, "
         f"yours {mine}: {where}. The default np.argsort (quicksort) and np.argpartition do "
         f"not keep equal values in index order; a stable sort does: {FIX_SORT} {note}")


# --- correctness: the vote ------------------------------------------------------------------

def vote_queries(reference, rng, X, y, k, wanted=30):
    """Random queries around the training data whose vote has a single winner."""
    Q = X[rng.integers(0, len(X), size=4 * wanted)] + 0.7 * rng.normal(size=(4 * wanted,
                                                                            X.shape[1]))
    _, indices = reference.KNNClassifier(k=k).fit(X, y).kneighbors(Q)
    classes = np.unique(y)
    counts = (y[indices][:, :, None] == classes).sum(axis=1)
    top = np.sort(counts, axis=1)
    return Q[top[:, -1] > top[:, -2]][:wanted]


def vote_mistake(labels, Q, X, y, k) -> str:
    """What wrong vote explains the learner's labels on tie-free queries, or ''."""
    _, indices = brute_force(Q, X, k)
    classes, codes = np.unique(y, return_inverse=True)
    neighbour_labels = y[indices]
    counts = (codes[indices][:, :, None] == np.arange(len(classes))).sum(axis=1)
    winners = np.argmax(counts, axis=1)
    options = {"the class numbers 0 .. C-1 of np.unique, not the labels: return "
               "classes[winners]": winners,
               "the label of the nearest neighbour only (k = 1), not the majority of the k "
               "neighbours": neighbour_labels[:, 0],
               "the rounded mean of the neighbours' labels: labels are categories, count the "
               "votes per label instead": np.round(np.mean(neighbour_labels, axis=1))
               if neighbour_labels.dtype.kind in "iuf" else None,
               "the majority of the whole training set, not of each query's k neighbours":
               np.full(len(Q), classes[np.argmax(np.bincount(codes))]),
               "the least frequent label among the neighbours: take np.argmax of the counts":
               classes[np.argmin(np.where(counts > 0, counts, k + 1), axis=1)]}
    for meaning, option in options.items():
        if option is not None and np.all(same_labels(labels, np.asarray(option))):
            return meaning
    return ""


@check("correctness")
def test_predict_majority_vote(candidate, reference, rng, seed):
    """predict returns the most frequent label among each query's k nearest neighbours (on
    queries whose vote has one winner)."""
    k = 5
    X, y = clustered(rng, 90, 2, [1, 4, 6])
    Q = vote_queries(reference, rng, X, y, k)
    expected = reference.KNNClassifier(k=k).fit(X, y).predict(Q)
    labels = as_labels(fitted(candidate, k, X, y).call("predict", Q), len(Q), "predict(X)")
    right = same_labels(labels, expected)
    if np.all(right):
        return
    row = int(np.argmin(right))
    _, indices = brute_force(Q, X, k)
    meaning = vote_mistake(labels, Q, X, y, k)
    fail(f"predict is not the majority vote{': it returns ' + meaning if meaning else ''}. "
         f"For query {row} the {k} nearest neighbours are labelled "
         f"{y[indices[row]].tolist()} (nearest first), so the prediction is "
         f"{expected.tolist()[row]!r}, yours is {labels.tolist()[row]!r} "
         f"{data_note(seed, X_train=X, X_query=Q)}")


# (labels of the neighbours, nearest first; k; what the right rule predicts)
VOTE_TIES = (([9, 4, 4, 9, 0, 4], 4, 4),        # 2-2: the smaller label, not the nearest's
             ([7, 3, 7, 3, 5, 3, 3], 5, 3),     # 2-2-1
             ([8, 5, 2, 2, 5, 8, 0], 6, 2),     # 2-2-2: the smallest of three
             ([5, 3, 5, 5], 2, 3),              # 1-1
             ([6, 1, 1, 6, 6, 6, 6], 3, 1))     # no tie: the k-vote beats the nearest and
                                                # the training set's majority


def tie_meaning(value, neighbours, k, expected) -> str:
    votes = neighbours[:k]
    classes = np.unique(neighbours)
    if value != expected and value == int(np.searchsorted(classes, expected)):
        return ("the class number of the right label (its position in np.unique(y)), not the "
                "label itself: return classes[winners]")
    values, counts = np.unique(votes, return_counts=True)
    tied = values[counts == counts.max()].tolist()
    if len(tied) == 1:
        if value == votes[0]:
            return "the label of the nearest neighbour only: the vote is over all k neighbours"
        if value == np.bincount(neighbours).argmax():
            return "the majority of the whole training set, not of the k neighbours"
        return ""
    if value == max(tied):
        first = next(v for v in votes if v in tied)
        return ("the largest of the tied labels" if value != first else
                "the tied label met first, which is the nearest neighbour's (Counter's "
                "most_common and dictionaries keep the order labels were met in)")
    return ""


@check("correctness")
def test_vote_ties(candidate, seed):
    """When labels tie for the most votes, predict returns the smallest of them (hand-made
    ties of 2-2, 2-2-1, 2-2-2 and 1-1)."""
    for neighbours, k, expected in VOTE_TIES:
        neighbours = np.array(neighbours)
        X = np.arange(1.0, len(neighbours) + 1)[:, None]  # distances 1, 2, 3 ... from 0
        labels = as_labels(fitted(candidate, k, X, neighbours).call("predict",
                                                                    np.zeros((1, 1))), 1,
                           "predict(X)")
        value = labels.tolist()[0]
        if same_labels(labels, np.array([expected]))[0]:
            continue
        votes = neighbours[:k].tolist()
        meaning = tie_meaning(value, neighbours, k, expected)
        fail(f"with k={k} and neighbours labelled {votes} (nearest first), the prediction is "
             f"{expected}, yours is {value!r}{': ' + meaning if meaning else ''}. When labels "
             "tie for the most votes, the smallest of them wins: count the votes per class "
             "in sorted order (np.unique) and take np.argmax, which returns the first of "
             f"equal counts (seed {seed}; training X = {X.ravel().tolist()}, "
             f"y = {neighbours.tolist()}, query [[0.0]])")


@check("correctness")
def test_string_and_negative_labels(candidate, reference, rng, seed):
    """Labels can be strings or any integers (here -1 and +1): predict returns the labels
    themselves."""
    k = 5
    for classes, kind in ((np.array(["cat", "dog", "emu"]), "string labels"),
                          (np.array([-1, 1]), "labels -1 and +1")):
        X, y = clustered(rng, 80, 2, classes)
        Q = vote_queries(reference, rng, X, y, k, wanted=20)
        expected = reference.KNNClassifier(k=k).fit(X, y).predict(Q)
        labels = as_labels(fitted(candidate, k, X, y).call("predict", Q), len(Q),
                           f"predict(X) with {kind}")
        right = same_labels(labels, expected)
        if np.all(right):
            continue
        row = int(np.argmin(right))
        meaning = vote_mistake(labels, Q, X, y, k)
        if not meaning and labels.dtype.kind in "iuf" and expected.dtype.kind == "U":
            meaning = ("numbers instead of the string labels: map the winning class number "
                       "back with classes[winners]")
        fail(f"with {kind} {classes.tolist()}, predict returned {labels.tolist()[row]!r} for "
             f"query {row}, expected {expected.tolist()[row]!r}"
             f"{': ' + meaning if meaning else ''}. Encode any labels with classes, codes = "
             "np.unique(y, return_inverse=True), count the votes per class number, and return "
             "classes[winners] "
             f"{data_note(seed, X_train=X, X_query=Q)}")


@check("correctness")
def test_k_larger_than_n(candidate, rng, seed):
    """fit refuses k > n with a ValueError that states k and n; k = n is allowed and returns
    every training point, nearest first."""
    n, k = 6, 9
    X, y = rng.normal(size=(n, 2)), rng.integers(0, 2, size=n)
    Q = rng.normal(size=(3, 2))
    model = candidate.new(CLASS, k=k)
    try:
        model.call("fit", X, y)
    except NotAttempted:
        raise
    except LearnerRaised as error:
        if error.type != "ValueError":
            fail(f"fit with k={k} and n={n} training points raised {error.type}: raise "
                 "ValueError (the value of k does not fit the data), e.g. "
                 "raise ValueError(f\"k={k} is larger than the number of training samples "
                 "n={n}\")")
        if not (re.search(rf"\b{k}\b", error.text) and re.search(rf"\b{n}\b", error.text)):
            fail(f"fit raised ValueError({error.text!r}) for k={k} and n={n}: the message must "
                 "state both numbers, so the caller sees what to change, e.g. "
                 "f\"k={k} is larger than the number of training samples n={n}\"")
    else:
        later = ""
        try:
            value = model.call("kneighbors", Q)
            shapes = [np.shape(v) for v in value] if isinstance(value, (tuple, list)) else []
            later = (f"kneighbors then returned arrays of shapes {shapes}" if shapes else
                     f"kneighbors then returned {returned(value)}")
        except NotAttempted:
            raise
        except LearnerRaised as error:
            later = f"kneighbors then raised {error.type}"
        fail(f"fit accepted k={k} with only n={n} training samples ({later}): raise ValueError "
             "in fit when k > n, with k and n in the message")
    model = candidate.new(CLASS, k=n)
    try:
        model.call("fit", X, y)
    except NotAttempted:
        raise
    except LearnerRaised as error:
        fail(f"fit with k = n = {n} raised {error.type}: k == n is allowed (every training "
             "point is a neighbour); refuse only k > n")
    _, indices = as_neighbours(model.call("kneighbors", Q), 3, n)
    expected_i = brute_force(Q, X, n)[1]
    if not np.array_equal(indices, expected_i):
        row = int(np.argmax(np.any(indices != expected_i, axis=1)))
        fail(f"with k = n = {n}, kneighbors must return every training point, nearest first: "
             f"for query {row} expected indices {expected_i[row].tolist()}, yours "
             f"{indices[row].tolist()} {data_note(seed, X_train=X, X_query=Q)}")


# --- correctness: invariances ---------------------------------------------------------------

def neighbours_and_labels(candidate, k, X, y, Q):
    model = fitted(candidate, k, X, y)
    distances, indices = as_neighbours(model.call("kneighbors", Q), len(Q), k)
    return distances, indices, as_labels(model.call("predict", Q), len(Q), "predict(X)")


@check("correctness")
def test_training_order_invariance(candidate, rng, seed):
    """Shuffling the training set changes nothing but the indices, which follow the shuffle."""
    k = 5
    X, y = clustered(rng, 70, 3, [0, 2, 5])
    Q = rng.normal(size=(15, 3))
    order = probes.permutation(rng, len(X))
    d1, i1, p1 = neighbours_and_labels(candidate, k, X, y, Q)
    d2, i2, p2 = neighbours_and_labels(candidate, k, X[order], y[order], Q)
    note = data_note(seed, X_train=X, X_query=Q)
    if not close(d2, d1, rtol=1e-9):
        fail(f"after shuffling the training rows (X[order], y[order]), the distances changed: "
             f"{worst_gap(d2, d1)}; the neighbours of a query do not depend on the order of "
             f"the training set {note}")
    if not np.array_equal(order[i2], i1):
        fail("after shuffling the training rows (X[order], y[order]), the neighbours must be "
             "the same points, so indices_after must equal the position of the same rows: "
             f"order[indices_after] == indices_before; yours differ (query "
             f"{int(np.argmax(np.any(order[i2] != i1, axis=1)))}). Return row numbers into "
             f"the X given to fit, as it was given {note}")
    if not np.all(same_labels(p2, p1)):
        fail(f"after shuffling the training rows, predict changed for query "
             f"{int(np.argmin(same_labels(p2, p1)))}: the vote must depend only on the labels "
             f"of the neighbours, not on where they are in the training set {note}")


@check("correctness")
def test_translation_and_scale_invariance(candidate, rng, seed):
    """Translating all points leaves neighbours and distances unchanged; scaling all features
    by s keeps the neighbours and multiplies the distances by s."""
    k = 4
    X, y = clustered(rng, 60, 3, [1, 2, 3])
    Q = rng.normal(size=(12, 3))
    shift = 25.0 * rng.normal(size=3)
    d0, i0, p0 = neighbours_and_labels(candidate, k, X, y, Q)
    note = data_note(seed, X_train=X, X_query=Q)
    for s, c, what in ((1.0, shift, f"translating every point by {np.round(shift, 2).tolist()}"),
                       (7.5, 0.0, "multiplying every feature by 7.5"),
                       (0.02, 0.0, "multiplying every feature by 0.02")):
        d, i, p = neighbours_and_labels(candidate, k, s * X + c, y, s * Q + c)
        if not np.array_equal(i, i0) or not np.all(same_labels(p, p0)):
            fail(f"{what} changed the neighbours or the predictions: the Euclidean distance "
                 f"depends only on differences of points, and scales with them {note}")
        if not close(d, s * d0, rtol=1e-6):
            squared = close(d, s ** 2 * d0, rtol=1e-6)
            fail(f"{what} should multiply every distance by {s:g}, but "
                 + ("yours grew with the square of the scale: they are squared distances, "
                    "take np.sqrt" if squared else worst_gap(d, s * d0)) + f" {note}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, m, n):
    X, Q = rng.normal(size=(n, 3)), rng.normal(size=(m, 3))
    y = rng.integers(0, 3, size=n)
    return Workload((call("fit", X, y), call("kneighbors", Q), call("predict", Q)), CLASS,
                    label=f"{m} queries x {n} training points", init_kwargs={"k": 5},
                    same=same_result)


LOOP_ADVICE = ("Compute all (m, n) squared distances at once (||q||^2 - 2 Q @ X.T + ||x||^2), "
               "sort each row with np.argsort(..., axis=1), and count votes for all queries "
               "together (np.add.at, or a comparison with np.arange(C) summed over axis=1).")
ALLOWED = "loops over the classes, the k neighbour ranks or the features"
test_no_loop_over_queries = standard.no_loop(work_at, "queries", {"m": (16, 128), "n": 64},
                                             LOOP_ADVICE, allowed=ALLOWED)
test_no_loop_over_training_points = standard.no_loop(
    work_at, "training points", {"m": 16, "n": (64, 512)}, LOOP_ADVICE, allowed=ALLOWED)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    X, Q = rng.normal(size=(30, 3)), rng.normal(size=(8, 3))
    y = rng.integers(0, 3, size=30)
    fit = call("fit", X, y)
    return [Workload(calls, CLASS, init_kwargs={"k": 3})
            for calls in ((fit,), (fit, call("kneighbors", Q)), (fit, call("predict", Q)))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes, fix="compute new arrays instead (Q = X - c makes a copy, X -= c changes "
                          "the caller's array; in fit, keep copies: np.array(X, dtype=float))",
    doc="fit, kneighbors and predict leave their input arrays unchanged.")


# --- performance ----------------------------------------------------------------------------

def speed_data(rng):
    X, y = clustered(rng, 1000, 8, [0, 1, 2, 3])
    return {"X": X, "y": y, "Q": rng.normal(size=(100, 8))}


test_speed_at_scale = standard.speed(
    speed_data, [(Workload((call("fit", stored("X"), stored("y")), call("predict", stored("Q"))),
                           CLASS, init_kwargs={"k": 5}, same=same_result),
                  "predict on 100 queries x 1000 training points (8 features)")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map over rows, np.frompyfunc) and use "
    "whole-array operations.")


def memory_data(rng):
    return {"X64": rng.normal(size=(1500, 64)), "y64": rng.integers(0, 3, size=1500),
            "Q64": rng.normal(size=(150, 64))}


test_distance_matrix_memory = memory_check(
    memory_data, Workload((call("fit", stored("X64"), stored("y64")),
                           call("kneighbors", stored("Q64"))), CLASS, init_kwargs={"k": 5},
                          same=same_result),
    "kneighbors on 150 queries x 1500 training points with 64 features",
    "The (m, n, d) array of differences Q[:, None, :] - X[None, :, :] (here 150 x 1500 x 64 "
    "floats, 115 MB, d times the (m, n) distance matrix) is the likely cause: expand the "
    "square instead, D2 = np.sum(Q**2, axis=1)[:, None] - 2 * Q @ X.T + np.sum(X**2, "
    "axis=1)[None, :], which needs only (m, n) arrays.",
    doc="kneighbors with 64 features peaks at memory comparable to the reference's (m, n) "
        "matrices: no (m, n, d) array of differences.")
