"""Correct solution that loops over the k clusters (allowed) to fill the distance matrix column
by column and to update the centroids, and prints arrays every iteration. The loop over
clusters does not grow with the samples or features, and printing is never counted, so every
check passes."""

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters
        self.centroids_ = None
        self.labels_ = None

    def _distances(self, X, centroids):
        D = np.empty((X.shape[0], self.k))
        for j in range(self.k):
            D[:, j] = np.sum((X - centroids[j]) ** 2, axis=1)
        return D

    def fit(self, X, init):
        if self.k > X.shape[0]:
            raise ValueError(f"k ({self.k}) is larger than the number of samples ({X.shape[0]})")
        centroids = init.astype(float)  # astype makes a copy
        print("starting centroids:", centroids)
        history = []
        old_labels = None
        for iteration in range(self.max_iters):
            labels = np.argmin(self._distances(X, centroids), axis=1)
            print(f"iteration {iteration}: labels = {labels}")
            if old_labels is not None and np.array_equal(labels, old_labels):
                print("converged")
                break
            for j in range(self.k):
                mask = labels == j
                if np.any(mask):
                    centroids[j] = np.mean(X[mask], axis=0)
                else:
                    print(f"cluster {j} is empty, keeping", centroids[j])
            inertia = float(np.sum((X - centroids[labels]) ** 2))
            history.append(inertia)
            print("centroids now", centroids, "inertia", round(inertia, 3))
            old_labels = labels
        self.centroids_ = centroids
        self.labels_ = labels
        return history

    def predict(self, X):
        labels = np.argmin(self._distances(X, self.centroids_), axis=1)
        print("predicted", labels)
        return labels


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
