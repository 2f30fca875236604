"""Keeps the running best distance with <= in a loop over the clusters, so a sample exactly as
far from two centroids goes to the later (higher) index; the spec says the lowest. Random data
have no exact ties, so only the tie check sees it."""
# expect-failing: tie_goes_to_lowest_index

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def _assign(self, X, centroids):
        best = np.full(len(X), np.inf)
        labels = np.zeros(len(X), dtype=int)
        for j in range(self.k):
            dist = ((X - centroids[j]) ** 2).sum(axis=1)
            closer = dist <= best
            labels[closer] = j
            best[closer] = dist[closer]
        return labels

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} > n = {len(X)}")
        centroids = np.array(init, dtype=float)
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = self._assign(X, centroids)
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
