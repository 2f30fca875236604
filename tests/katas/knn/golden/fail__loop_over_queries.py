"""Right answers, one query at a time: a Python loop over the rows of X in kneighbors (each
iteration vectorized over the training points). Only the vectorization check over queries
must fail, naming the loop's line."""
# expect-failing: no_loop_over_queries

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
        distances, indices = [], []
        for q in X:
            d = np.sqrt(np.sum((self.X - q) ** 2, axis=1))
            order = np.argsort(d, kind="stable")[:self.k]
            distances.append(d[order])
            indices.append(order)
        return np.array(distances).reshape(len(X), self.k), \
            np.array(indices, dtype=int).reshape(len(X), self.k)

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
