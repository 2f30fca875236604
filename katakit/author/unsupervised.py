"""Helpers for katas about unsupervised learning: clustering (k-means) and projections (PCA).

Why a module of its own: these katas are graded by what must hold whatever valid choice a
learner made, and the kit had no tools for that kind of examination.

* Clustering. :func:`lloyd` is the examiner's own Lloyd's algorithm with the conventions the
  k-means statement gives (ties to the lowest centroid index, an empty cluster keeps its
  centroid, stop when no assignment changes, the inertia recorded after each update). It
  tells how the examiner's data behave (how many iterations, whether a cluster ever empties,
  how close the nearest tie came), so a check can choose data on which every valid
  implementation must agree exactly, and its ``variant`` options name classic mistakes.
  :func:`as_labels` and :func:`as_history` read the learner's labels and inertia history.
* Projections. Eigenvectors are defined up to sign (and, for equal eigenvalues, up to a
  rotation), so a check compares subspaces through their projectors (:func:`projector`,
  :func:`same_subspace`) and accepts measured results equal up to the sign of each column
  (:func:`same_up_to_column_signs`, for ``Workload(same=...)``). :func:`as_real_array` names
  the complex output of ``np.linalg.eig`` before any comparison, and :func:`spectrum_data`
  draws data whose covariance has well-separated eigenvalues, so that the subspaces compared
  are well defined.

Nothing here is specific to one kata.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from katakit.author.checks import fail
from katakit.author.values import as_array, returned, same_values
from katakit.candidate.client import LearnerObject


# --- clustering -----------------------------------------------------------------------------

def squared_distances(X, centroids) -> np.ndarray:
    """(n, k) squared Euclidean distances, by direct differences (no cancellation)."""
    X, centroids = np.asarray(X, dtype=float), np.asarray(centroids, dtype=float)
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)


def nearest(X, centroids) -> np.ndarray:
    """Index of each sample's nearest centroid; np.argmin gives ties to the lowest index."""
    return np.argmin(squared_distances(X, centroids), axis=1)


def relative_gap(X, centroids) -> float:
    """How close the assignment came to a tie: the smallest (second nearest - nearest)
    squared distance over all samples, relative to the data's scale (inf for k = 1)."""
    D = squared_distances(X, centroids)
    if D.shape[1] < 2:
        return np.inf
    two = np.sort(D, axis=1)[:, :2]
    scale = max(float(np.max(D)), 1.0)
    return float(np.min(two[:, 1] - two[:, 0])) / scale


@dataclass(frozen=True)
class LloydRun:
    """What the examiner's Lloyd's algorithm did on one dataset."""

    history: np.ndarray
    """The inertia after each iteration (as the learner's fit must return it)."""
    centroids: np.ndarray
    labels: np.ndarray
    iterations: int
    converged: bool
    """Stopped because an assignment repeated (not because max_iters ran out)."""
    emptied: bool
    """Some cluster had no sample in some iteration."""
    closest_tie: float
    """The smallest relative gap between a sample's two nearest centroids in any
    assignment (see :func:`relative_gap`)."""

    def well_posed(self, gap: float = 1e-6) -> bool:
        """No empty cluster and no near-tie: every valid implementation takes the same path."""
        return not self.emptied and self.closest_tie > gap


def lloyd(X, init, max_iters: int = 100, assign=nearest, inertia: str = "after",
          record_last: bool = False, empty: str = "keep") -> LloydRun:
    """Lloyd's algorithm as the k-means statement specifies it, or a classic variant of it:
    ``assign(X, centroids)`` gives the labels (by default the nearest centroid, ties to the
    lowest index); ``inertia="before"`` records the inertia of the assignment with the
    centroids it was made with (before the update), ``"root"`` the sum of distances instead
    of squared distances; ``record_last`` also records the final pass that changed no
    assignment; ``empty="zero"`` moves an empty cluster's centroid to the origin and
    ``"nan"`` makes it nan (the mean of no samples). A label that is no centroid index
    raises IndexError, as it would in the learner's code."""
    X = np.asarray(X, dtype=float)
    centroids = np.array(init, dtype=float)
    history, previous, labels = [], None, None
    emptied, closest, converged = False, np.inf, False
    for _ in range(max_iters):
        closest = min(closest, relative_gap(X, centroids))
        labels = assign(X, centroids)
        converged = previous is not None and np.array_equal(labels, previous)
        if converged and not record_last:
            break
        before = float(np.sum((X - centroids[labels]) ** 2))
        for j in range(len(centroids)):
            members = labels == j
            if members.any():
                centroids[j] = X[members].mean(axis=0)
            else:
                emptied = True
                if empty in ("zero", "nan"):
                    centroids[j] = 0.0 if empty == "zero" else np.nan
        after = np.sum((X - centroids[labels]) ** 2, axis=1)
        history.append(before if inertia == "before" else float(np.sum(np.sqrt(after)))
                       if inertia == "root" else float(np.sum(after)))
        if converged:
            break
        previous = labels
    return LloydRun(np.array(history), centroids, labels, len(history), bool(converged),
                    emptied, closest)


def blobs(rng: np.random.Generator, n: int, d: int, k: int, separation: float = 3.0,
          shift=0.0) -> np.ndarray:
    """n samples around k random centres (unit spread, centres about ``separation`` apart),
    close enough that Lloyd's algorithm needs several iterations from a random start."""
    centres = separation * rng.normal(size=(k, d))
    return shift + centres[rng.integers(k, size=n)] + rng.normal(size=(n, d))


def as_labels(value, n: int, k: int, what: str) -> np.ndarray:
    """Cluster labels as an (n,) integer array with values in [0, k), or a CheckFailed that
    says what is wrong (floats, one label per centroid, an index out of range)."""
    if isinstance(value, LearnerObject) or value is None or isinstance(value, (str, dict)):
        fail(f"{what} should be an integer array of shape ({n},), but it is {returned(value)}")
    try:
        labels = np.asarray(value)
    except (TypeError, ValueError):
        fail(f"{what} should be an integer array of shape ({n},), but it is {returned(value)}")
    if labels.shape == (k,) and k != n:
        fail(f"{what} has shape ({k},), one entry per centroid instead of one per sample: "
             f"np.argmin over the wrong axis? The distances are (n, k); take "
             f"np.argmin(distances, axis=1) to get shape ({n},)")
    if labels.shape != (n,):
        fail(f"{what} should have shape ({n},), but it has shape {labels.shape}")
    if labels.dtype.kind not in "iu":
        fail(f"{what} should hold integers (cluster indices), but its dtype is "
             f"{labels.dtype}: np.argmin returns integers; an array filled by hand needs "
             "dtype=int")
    if n and (labels.min() < 0 or labels.max() >= k):
        fail(f"{what} holds {int(labels.max()) if labels.max() >= k else int(labels.min())}, "
             f"which is not a cluster index (0 to {k - 1})")
    return labels.astype(int)


def as_history(value, what: str, most: int) -> np.ndarray:
    """An inertia history: a list (or 1-D array) of 1 to ``most`` floats."""
    if isinstance(value, LearnerObject) and value.is_self:
        fail(f"{what} returned self; it should return the list of inertias, one per "
             "iteration: append each iteration's inertia to a list and `return history`")
    if not isinstance(value, (list, tuple, np.ndarray)) or np.ndim(value) != 1:
        fail(f"{what} should return a list of floats (the inertia after each iteration), but "
             f"it returned {returned(value)}")
    if any(isinstance(v, (LearnerObject, np.ndarray, list, tuple)) for v in value):
        fail(f"{what} should return a list of floats, but its items are arrays or lists: "
             "append float(inertia), one number per iteration")
    if not 1 <= len(value) <= most:
        fail(f"{what} returned {len(value)} inertias; with max_iters={most} it should return "
             f"between 1 and {most} (one per iteration that was run)")
    return as_array(value, (len(value),), f"the history returned by {what}")


# --- projections ----------------------------------------------------------------------------

def projector(rows) -> np.ndarray:
    """The orthogonal projector onto the span of orthonormal ``rows``: rows.T @ rows."""
    rows = np.atleast_2d(np.asarray(rows, dtype=float))
    return rows.T @ rows


def same_subspace(rows, other_rows, atol: float = 1e-7) -> bool:
    """Whether two sets of orthonormal rows span the same subspace (their projectors agree);
    signs, order and any rotation within the subspace do not matter."""
    return bool(np.allclose(projector(rows), projector(other_rows), rtol=0, atol=atol))


def subspace_gap(rows, other_rows) -> float:
    """The largest entry of the difference of the two projectors (0 for the same subspace,
    about 1 when a direction of one is orthogonal to the other)."""
    return float(np.max(np.abs(projector(rows) - projector(other_rows))))


def as_real_array(value, shape: tuple, what: str) -> np.ndarray:
    """Like :func:`katakit.author.values.as_array`, but a complex array is named for what it
    usually is: the output of np.linalg.eig, which does not know the matrix is symmetric.
    (The worker sends complex values as objects, ``LearnerObject("ndarray of complex128")``.)"""
    complex_type = (value.dtype.name if isinstance(value, np.ndarray) and np.iscomplexobj(value)
                    else value.type if isinstance(value, LearnerObject) and "complex" in
                    value.type else "")
    if complex_type:
        fail(f"{what} holds complex numbers ({complex_type}): np.linalg.eig on the "
             "covariance? eig treats it as a general matrix, and rounding makes it return "
             "complex eigenvalues and vectors when eigenvalues are (nearly) equal, as they are "
             "when there are fewer samples than features. The covariance is symmetric: use "
             "np.linalg.eigh (real, sorted ascending) or np.linalg.svd of the centred data")
    if isinstance(value, (list, tuple)) and any(
            isinstance(v, complex) or isinstance(v, LearnerObject) and "complex" in v.type
            for v in value):
        fail(f"{what} holds complex numbers: np.linalg.eig on the covariance? Use "
             "np.linalg.eigh (real) or np.linalg.svd")
    return as_array(value, shape, what)


def same_up_to_column_signs(actual, expected, rtol: float = 1e-6) -> bool:
    """For ``Workload(same=...)``: equal up to float rounding, except that each column of a 2-D
    array may have the opposite sign (a projection onto components whose signs are
    arbitrary); anything else is compared as :func:`katakit.author.values.same_values` does."""
    try:
        mine, theirs = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return same_values(actual, expected, rtol)
    if mine.ndim != 2 or mine.shape != theirs.shape or isinstance(actual, LearnerObject):
        return same_values(actual, expected, rtol)
    signs = np.where(np.sum(mine * theirs, axis=0) < 0, -1.0, 1.0)
    return same_values(mine * signs, theirs, rtol)


def spectrum_data(rng: np.random.Generator, n: int, d: int, decay: float = 0.55,
                  top: float = 9.0, offset: float = 20.0) -> np.ndarray:
    """n samples in d features whose covariance has the eigenvalues top * decay**i (well
    separated, so every principal subspace is well defined) along random orthonormal
    directions, around a mean of size about ``offset`` (far from 0, so that forgetting to
    centre the data changes the answer)."""
    basis, _ = np.linalg.qr(rng.normal(size=(d, d)))
    scales = np.sqrt(top * decay ** np.arange(d))
    mean = offset * rng.uniform(-1, 1, size=d)
    return mean + (rng.normal(size=(n, d)) * scales) @ basis.T


def covariance_spectrum(X) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending, ddof = 1) and eigenvectors (as rows) of X's covariance."""
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / (len(X) - 1))
    return values[::-1], vectors[:, ::-1].T


__all__ = ["LloydRun", "as_history", "as_labels", "as_real_array", "blobs",
           "covariance_spectrum", "lloyd", "nearest", "projector", "relative_gap",
           "same_subspace", "same_up_to_column_signs", "spectrum_data", "squared_distances",
           "subspace_gap"]
