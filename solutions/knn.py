"""Reference solution: a k-nearest-neighbours classifier."""

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        if self.k > len(X):
            raise ValueError(f"k={self.k} is larger than the number of training samples "
                             f"n={len(X)}")
        self.X = np.array(X, dtype=float)  # copies: later changes to the caller's arrays
        self.y = np.array(y)               # do not reach the model
        return self

    def kneighbors(self, X):
        X = np.asarray(X, dtype=float)
        squared = (np.sum(X ** 2, axis=1)[:, None] - 2 * X @ self.X.T
                   + np.sum(self.X ** 2, axis=1)[None, :])
        squared = np.maximum(squared, 0.0)  # rounding can leave tiny negatives
        indices = np.argsort(squared, axis=1, kind="stable")[:, :self.k]
        distances = np.sqrt(np.take_along_axis(squared, indices, axis=1))
        return distances, indices

    def predict(self, X):
        _, indices = self.kneighbors(X)
        classes, codes = np.unique(self.y, return_inverse=True)
        votes = codes.reshape(-1)[indices]  # (m, k) class numbers, in sorted label order
        counts = np.zeros((len(votes), len(classes)), dtype=int)
        np.add.at(counts, (np.arange(len(votes))[:, None], votes), 1)
        return classes[np.argmax(counts, axis=1)]  # argmax: the first (smallest) of tied labels


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2_000_000_000,
}
