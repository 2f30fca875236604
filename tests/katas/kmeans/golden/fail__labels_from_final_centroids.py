"""Runs Lloyd's iterations right, then sets labels_ = self.predict(X) after the loop: the
assignment to the final centroids, not the one the last iteration used. Both differ after one
iteration and when max_iters stops the loop early (at convergence they agree, so the
fixed-point checks pass). first_iteration and max_iters_respected must name it."""
# expect-failing: first_iteration, max_iters_respected

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k = k
        self.max_iters = max_iters

    def fit(self, X, init):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} clusters need at least k samples, got n = {len(X)}")
        self.centroids_ = np.array(init, dtype=float)
        inertias, assignment = [], None
        for _ in range(self.max_iters):
            squared = ((X[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)
            new_assignment = squared.argmin(axis=1)
            if assignment is not None and np.array_equal(new_assignment, assignment):
                break
            assignment = new_assignment
            for j in range(self.k):
                members = X[assignment == j]
                if len(members):
                    self.centroids_[j] = members.mean(axis=0)
            inertias.append(float(((X - self.centroids_[assignment]) ** 2).sum()))
        self.labels_ = self.predict(X)  # "the final clusters"
        return inertias

    def predict(self, X):
        squared = ((X[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)
        return squared.argmin(axis=1)


QUIZ_ANSWERS = {
    "tiny_run": 6.6667,
    "cost_per_iteration": 50_000_000,
    "never_increases": "b",
    "init_matters": "c",
    "feature_scales": "a",
    "expansion_trick": "d",
    "choosing_k": "b",
}
