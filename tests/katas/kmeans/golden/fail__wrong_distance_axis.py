"""Sums the squared differences over axis 1 of the (n, k, d) array, the centroids, instead of
axis 2, the features: the argmin then picks a feature index, not a centroid. Every check that
looks at the assignment fails and names the wrong axis (the inertia even goes up); where
d > k a label is out of range and the IndexError is explained by the kata's advice. Shuffling
or shifting the data does not expose it (the mistake is the same for every row)."""
# expect-failing: first_iteration, tie_goes_to_lowest_index, predict_values, k_equals_one, empty_cluster, lloyd_trajectory, inertia_never_increases, fixed_point, max_iters_respected

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def _nearest(self, X, C):
        diff = X[:, None, :] - C[None, :, :]
        dist = np.sum(diff ** 2, axis=1)
        return np.argmin(dist, axis=1)

    def fit(self, X, init):
        if self.k > X.shape[0]:
            raise ValueError(f"k = {self.k} exceeds n = {X.shape[0]}")
        C = np.array(init, dtype=float)
        history, previous = [], None
        for _ in range(self.max_iters):
            labels = self._nearest(X, C)
            if previous is not None and np.array_equal(labels, previous):
                break
            for j in range(self.k):
                if (labels == j).any():
                    C[j] = X[labels == j].mean(axis=0)
            history.append(float(np.sum((X - C[labels]) ** 2)))
            previous = labels
        self.centroids_, self.labels_ = C, labels
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
