"""Off by one: fit refuses k >= n, but k == n is allowed (every training point is then a
neighbour). The k > n check must fail, saying k == n is allowed, and the shapes check, which
includes k = n (one training point and k = 1), gets the ValueError."""
# expect-failing: output_shapes, k_larger_than_n

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        if self.k >= len(X):
            raise ValueError(f"k={self.k} must be smaller than n={len(X)}")
        self.X = np.array(X, dtype=float)
        self.y = np.array(y)
        return self

    def kneighbors(self, X):
        D2 = np.maximum((X ** 2).sum(1)[:, None] - 2 * X @ self.X.T
                        + (self.X ** 2).sum(1)[None, :], 0)
        idx = np.argsort(D2, axis=1, kind="stable")[:, :self.k]
        return np.sqrt(np.take_along_axis(D2, idx, axis=1)), idx

    def predict(self, X):
        _, idx = self.kneighbors(X)
        classes, codes = np.unique(self.y, return_inverse=True)
        votes = codes[idx]
        counts = (votes[:, :, None] == np.arange(len(classes))).sum(axis=1)
        return classes[np.argmax(counts, axis=1)]


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2e9,
}
