"""np.argpartition to find the k nearest, then a stable sort of those k by distance: fast and
right without ties, but at a tie for the k-th place argpartition may keep a higher index. The
tie check must fail, naming argpartition."""
# expect-failing: neighbour_ties

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        if self.k > len(X):
            raise ValueError(f"k={self.k} is larger than n={len(X)}")
        self.X = np.array(X, dtype=float)
        self.y = np.array(y)
        return self

    def kneighbors(self, X):
        D2 = np.maximum((X ** 2).sum(1)[:, None] - 2 * X @ self.X.T
                        + (self.X ** 2).sum(1)[None, :], 0)
        part = np.argpartition(D2, self.k - 1, axis=1)[:, :self.k]
        inside = np.argsort(np.take_along_axis(D2, part, axis=1), axis=1, kind="stable")
        idx = np.take_along_axis(part, inside, axis=1)
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
