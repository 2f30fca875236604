"""Recomputes every centroid as X[labels == j].mean(axis=0), also for a cluster that has no
samples: its centroid becomes nan (NumPy warns "Mean of empty slice"), and np.argmin then sends
every sample to the nan centroid. Only the empty-cluster check has an empty cluster."""
# expect-failing: empty_cluster

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} > n = {len(X)}")
        centroids = np.array(init, dtype=float)
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = np.argmin(((X[:, None, :] - centroids[None]) ** 2).sum(-1), axis=1)
            if previous is not None and np.array_equal(labels, previous):
                break
            centroids = np.array([X[labels == j].mean(axis=0) for j in range(self.k)])
            history.append(float(((X - centroids[labels]) ** 2).sum()))
            previous = labels
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
