"""Counts the votes with the vectorized np.bincount trick (row * C + label), using the labels
themselves as class numbers: right for labels 0, 1, 2 ..., but -1 makes bincount raise and
string labels cannot be added to. Only the check with string and negative labels must fail,
with the advice to encode labels with np.unique."""
# expect-failing: string_and_negative_labels

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
        idx = np.argsort(D2, axis=1, kind="stable")[:, :self.k]
        return np.sqrt(np.take_along_axis(D2, idx, axis=1)), idx

    def predict(self, X):
        _, idx = self.kneighbors(X)
        m, C = len(X), self.y.max() + 1
        flat = (np.arange(m)[:, None] * C + self.y[idx]).ravel()
        counts = np.bincount(flat, minlength=m * C).reshape(m, C)
        return np.argmax(counts, axis=1)


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2e9,
}
