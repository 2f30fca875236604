"""k-means clustering with Lloyd's algorithm — your implementation.

Read the statement first:   python grader.py show kmeans
Grade this file:            python grader.py check kmeans --file <this file>

Rules: NumPy only; no Python loop over samples or features (a loop over the k clusters and
the loop over iterations are fine); no random numbers (start from init); do not modify X or
init.
"""

import numpy as np


class KMeans:
    def __init__(self, k, max_iters=100):
        """Store the number of clusters k and the largest number of iterations."""
        # TODO
        raise NotImplementedError("TODO: __init__")

    def fit(self, X, init):
        """Lloyd's algorithm on X (n, d) from the starting centroids init (k, d).

        Raise ValueError (saying k and n) when k > n. Each iteration: assign every sample to
        its nearest centroid (ties: lowest index); stop if no assignment changed since the
        previous iteration; move each centroid to the mean of its samples (an empty cluster
        keeps its centroid); record the inertia. Set self.centroids_ (k, d) and
        self.labels_ (n,) and return the list of inertias, one per iteration.
        """
        # TODO
        raise NotImplementedError("TODO: fit")

    def predict(self, X):
        """Index of the nearest centroid of self.centroids_ for each row of X, shape (m,)."""
        # TODO
        raise NotImplementedError("TODO: predict")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz kmeans` to read the questions, or see them
# in the grader's output.
QUIZ_ANSWERS = {
    "tiny_run": None,
    "cost_per_iteration": None,
    "never_increases": None,
    "init_matters": None,
    "feature_scales": None,
    "expansion_trick": None,
    "choosing_k": None,
}
