"""Returns the squared distances (no np.sqrt): the neighbours and the votes are right, the
distances are not. The brute-force check and the scaling check (distances grow with the square
of the scale) must fail, both naming squared distances."""
# expect-failing: kneighbors_brute_force, translation_and_scale_invariance

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
        return np.take_along_axis(D2, idx, axis=1), idx

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
