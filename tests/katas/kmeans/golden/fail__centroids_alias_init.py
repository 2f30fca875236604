"""Keeps the centroids in the caller's array: `centroids = init` is a second name for it, so
centroids[j] = ... overwrites the init the caller passed (the kind of aliasing that also bites
with centroids = X[:k], a view of X). The values are right (each call gets its own copy from
the grader), so only the inputs-untouched check fails, naming the line."""
# expect-failing: inputs_untouched

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} > n = {len(X)}")
        centroids = init
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = np.argmin(((X[:, None] - centroids[None]) ** 2).sum(axis=2), axis=1)
            if previous is not None and np.array_equal(labels, previous):
                break
            for j in range(self.k):
                if np.any(labels == j):
                    centroids[j] = X[labels == j].mean(axis=0)
            history.append(float(((X - centroids[labels]) ** 2).sum()))
            previous = labels
        self.centroids_, self.labels_ = centroids, labels
        return history

    def predict(self, X):
        return np.argmin(((X[:, None] - self.centroids_[None]) ** 2).sum(axis=2), axis=1)


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
