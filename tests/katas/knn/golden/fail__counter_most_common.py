"""The vote with collections.Counter(...).most_common(1), one query at a time: a tie goes to
the label met first, the nearest neighbour's, not to the smallest label; and the comprehension
over the queries is a Python loop. Both the vote-tie check and the vectorization check over
queries must fail, each naming its mistake."""
# expect-failing: vote_ties, no_loop_over_queries

from collections import Counter

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
        return np.array([Counter(self.y[row].tolist()).most_common(1)[0][0] for row in idx])


QUIZ_ANSWERS = {
    "distance_matrix_size": 8,
    "clip_before_sqrt": "c",
    "feature_scales": "a",
    "vote_by_hand": 3,
    "choice_of_k": "b",
    "prediction_cost": 2e9,
}
