"""Records the inertia before testing for convergence, so the final pass that changes no
assignment is recorded too: every converged history ends with a repeated value and is one
entry longer than the spec's (a fixed point gives two entries, k = 1 gives two)."""
# expect-failing: lloyd_trajectory, fixed_point, k_equals_one, empty_cluster

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
            for j in range(self.k):
                if np.any(labels == j):
                    centroids[j] = X[labels == j].mean(axis=0)
            history.append(float(((X - centroids[labels]) ** 2).sum()))
            if previous is not None and np.array_equal(labels, previous):
                break
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
