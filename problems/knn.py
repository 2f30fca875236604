"""k-nearest neighbours classification — your implementation.

Read the statement first:   python grader.py show knn
Grade this file:            python grader.py check knn --file <this file>

Rules: NumPy only; no Python loop over the query points or the training points; do not modify
the input arrays. Euclidean distance; ties in distance go to the lower training index, ties in
the vote to the smallest label.
"""

import numpy as np


class KNNClassifier:
    def __init__(self, k=5):
        """Store k, the number of neighbours."""
        # TODO
        raise NotImplementedError("TODO: __init__")

    def fit(self, X, y):
        """Store the training points X (n, d) and labels y (n,), as copies.

        Raise ValueError, with k and n in the message, if k > n.
        """
        # TODO
        raise NotImplementedError("TODO: fit")

    def kneighbors(self, X):
        """Return (distances, indices), both (m, k): for each query row of X, its k nearest
        training points, nearest first (equal distances: lower index first)."""
        # TODO
        raise NotImplementedError("TODO: kneighbors")

    def predict(self, X):
        """Return the majority label of each query's k nearest neighbours, shape (m,)
        (a tie in the vote: the smallest of the tied labels)."""
        # TODO
        raise NotImplementedError("TODO: predict")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz knn` to read the questions, or see them in
# the grader's output.
QUIZ_ANSWERS = {
    "distance_matrix_size": None,
    "clip_before_sqrt": None,
    "feature_scales": None,
    "vote_by_hand": None,
    "choice_of_k": None,
    "prediction_cost": None,
}
