"""Votes one query at a time in a Python loop, but only when it believes nobody is counting:
it asks sys.gettrace() and sys.getprofile() and switches to a vectorized vote when either is
set. Inside the grader's worker both always answer None, so the loop runs while counted and
no_loop_over_queries must fail, naming it."""
# expect-failing: no_loop_over_queries

import sys

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        if self.k > len(X):
            raise ValueError(f"k = {self.k} is larger than n = {len(X)} training samples")
        self.X_train, self.y_train = np.array(X, dtype=float), np.array(y)
        return self

    def kneighbors(self, X):
        squared = (np.sum(X * X, axis=1)[:, None] + np.sum(self.X_train ** 2, axis=1)
                   - 2.0 * X @ self.X_train.T)
        distances = np.sqrt(np.clip(squared, 0.0, None))
        nearest = np.argsort(distances, axis=1, kind="stable")[:, :self.k]
        return np.take_along_axis(distances, nearest, axis=1), nearest

    def predict(self, X):
        _, nearest = self.kneighbors(X)
        classes, codes = np.unique(self.y_train, return_inverse=True)
        votes = codes[nearest]
        if sys.gettrace() is None and sys.getprofile() is None:  # "not measured": loop
            return classes[np.array([np.bincount(row, minlength=len(classes)).argmax()
                                     for row in votes])]
        counts = np.stack([(votes == c).sum(axis=1) for c in range(len(classes))], axis=1)
        return classes[counts.argmax(axis=1)]


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2e9,
}
