"""Right values, but the assignment step walks the samples one by one in a Python loop: the
work grows with n, which the no-loop-over-samples check names (the loop over clusters in the
update is allowed)."""
# expect-failing: no_loop_over_samples

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def _assign(self, X, centroids):
        labels = np.zeros(len(X), dtype=int)
        for i in range(len(X)):
            labels[i] = np.argmin(np.sum((centroids - X[i]) ** 2, axis=1))
        return labels

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} clusters but only n = {len(X)} samples")
        centroids = np.array(init, dtype=float)
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = self._assign(X, centroids)
            if previous is not None and np.array_equal(labels, previous):
                break
            for j in range(self.k):
                if np.any(labels == j):
                    centroids[j] = X[labels == j].mean(axis=0)
            history.append(float(np.sum((X - centroids[labels]) ** 2)))
            previous = labels
        self.centroids_, self.labels_ = centroids, labels
        return history

    def predict(self, X):
        return self._assign(X, self.centroids_)


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
