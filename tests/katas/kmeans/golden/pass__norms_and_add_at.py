"""Correct solution in another style: Euclidean distances with np.linalg.norm (not squared:
the argmin is the same, and equal squares give equal roots, so ties stay ties), a converged
flag in a while loop, sums with np.add.at and counts with np.bincount, and the inertia from
the norms squared."""

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        self.k, self.max_iters = k, max_iters

    def _assign(self, X, C):
        return np.argmin(np.linalg.norm(X[:, np.newaxis, :] - C[np.newaxis], axis=2), axis=1)

    def fit(self, X, init):
        n, d = X.shape
        if n < self.k:
            raise ValueError("need at least k samples: k = %d, n = %d" % (self.k, n))
        C = np.array(init, dtype=np.float64)
        history, labels, previous = [], None, None
        converged, iters = False, 0
        while not converged and iters < self.max_iters:
            labels = self._assign(X, C)
            if previous is not None and np.array_equal(labels, previous):
                converged = True
                continue
            sums = np.zeros((self.k, d))
            np.add.at(sums, labels, X)
            counts = np.bincount(labels, minlength=self.k)
            nonempty = counts > 0
            C[nonempty] = sums[nonempty] / counts[nonempty][:, np.newaxis]
            history.append(float((np.linalg.norm(X - C[labels], axis=1) ** 2).sum()))
            previous = labels
            iters += 1
        self.centroids_, self.labels_ = C, labels
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
