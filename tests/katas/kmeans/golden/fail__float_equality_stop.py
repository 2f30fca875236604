"""Stops when the new centroids equal the old ones (a float ==), tested before recording. On
most data that is the same iteration as "no assignment changed", but from centroids that are
already a fixed point (the tie data's init, one sample per cluster, a converged run) it stops
in the first iteration with an empty history: the first iteration always counts."""
# expect-failing: output_shapes, tie_goes_to_lowest_index, fixed_point

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k}, n = {len(X)}: k must not exceed n")
        centroids = np.array(init, dtype=float)
        history = []
        for _ in range(self.max_iters):
            labels = np.argmin(((X[:, None, :] - centroids[None]) ** 2).sum(-1), axis=1)
            new = centroids.copy()
            for j in range(self.k):
                if np.any(labels == j):
                    new[j] = X[labels == j].mean(axis=0)
            if np.all(new == centroids):  # the centroids stopped moving
                break
            centroids = new
            history.append(float(((X - centroids[labels]) ** 2).sum()))
        self.centroids_, self.labels_ = centroids, labels
        return history

    def predict(self, X):
        return np.argmin(((X[:, None, :] - self.centroids_[None]) ** 2).sum(-1), axis=1)


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
