"""Correct, in another style: squared distances summed one feature at a time (a loop over the
d features, which the spec allows: its length does not grow with m or n; the sum of squares
cannot go negative, so no clipping is needed), np.lexsort with the training index as the
tie-breaker, and votes counted by comparing with np.arange(C). fit returns None, which is not
graded. Every check passes."""

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        self.k = int(k)

    def fit(self, X, y):
        n = X.shape[0]
        if self.k > n:
            raise ValueError(f"cannot use k={self.k} neighbours with only {n} training points")
        self.train_X = X.astype(float)
        self.train_y = y.copy()

    def kneighbors(self, X):
        m, n = X.shape[0], self.train_X.shape[0]
        sq = np.zeros((m, n))
        for j in range(X.shape[1]):
            diff = X[:, j][:, None] - self.train_X[:, j][None, :]
            sq += diff * diff
        index = np.broadcast_to(np.arange(n), (m, n))
        order = np.lexsort((index, sq), axis=1)[:, :self.k]
        return np.sqrt(np.take_along_axis(sq, order, axis=1)), order

    def predict(self, X):
        _, nearest = self.kneighbors(X)
        labels, encoded = np.unique(self.train_y, return_inverse=True)
        votes = encoded[nearest]
        counts = (votes[:, :, None] == np.arange(len(labels))[None, None, :]).sum(axis=1)
        return labels[counts.argmax(axis=1)]


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2e9,
}
