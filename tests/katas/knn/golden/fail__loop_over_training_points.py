"""Right answers, but the distance matrix is filled one training point (one column) at a time,
a Python loop over the training points. Only the vectorization check over training points must
fail, naming the loop's line."""
# expect-failing: no_loop_over_training_points

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
        D = np.empty((len(X), len(self.X)))
        for j, x in enumerate(self.X):
            D[:, j] = np.sqrt(np.sum((X - x) ** 2, axis=1))
        idx = np.argsort(D, axis=1, kind="stable")[:, :self.k]
        return np.take_along_axis(D, idx, axis=1), idx

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
