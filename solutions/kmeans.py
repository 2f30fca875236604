"""Reference solution: k-means clustering with Lloyd's algorithm."""

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters
        self.centroids_ = None
        self.labels_ = None

    def _nearest(self, X, centroids):
        distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)  # (n, k)
        return np.argmin(distances, axis=1)  # the first minimum: ties go to the lowest index

    def fit(self, X, init):
        n = X.shape[0]
        if self.k > n:
            raise ValueError(f"k = {self.k} clusters need at least k samples, but X has "
                             f"n = {n}")
        centroids = np.array(init, dtype=float)  # a copy: the caller's init stays as it was
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = self._nearest(X, centroids)
            if previous is not None and np.array_equal(labels, previous):
                break  # no assignment changed: converged
            for j in range(self.k):
                members = labels == j
                if members.any():  # an empty cluster keeps its centroid
                    centroids[j] = X[members].mean(axis=0)
            history.append(float(np.sum((X - centroids[labels]) ** 2)))
            previous = labels
        self.centroids_, self.labels_ = centroids, labels
        return history

    def predict(self, X):
        return self._nearest(X, self.centroids_)


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
