"""Principal component analysis — your implementation.

Read the statement first:   python grader.py show pca
Grade this file:            python grader.py check pca --file <this file>

Rules: NumPy only; no Python loop over samples or features; do not modify X or Z.
"""

import numpy as np


class PCA:
    def __init__(self, n_components):
        """Store the number of components k to keep."""
        # TODO
        raise NotImplementedError("TODO: __init__")

    def fit(self, X):
        """Learn from X (n, d) and return self. Set:

        mean_                     (d,)   the mean of each column
        components_               (k, d) unit-norm rows, by decreasing variance
        explained_variance_       (k,)   the k largest covariance eigenvalues (ddof = 1)
        explained_variance_ratio_ (k,)   explained_variance_ / total variance of X
        """
        # TODO
        raise NotImplementedError("TODO: fit")

    def transform(self, X):
        """Project X (m, d) onto the components: (X - mean_) @ components_.T, shape (m, k)."""
        # TODO
        raise NotImplementedError("TODO: transform")

    def inverse_transform(self, Z):
        """Map Z (m, k) back to feature space: Z @ components_ + mean_, shape (m, d)."""
        # TODO
        raise NotImplementedError("TODO: inverse_transform")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz pca` to read the questions, or see them in
# the grader's output.
QUIZ_ANSWERS = {
    "ratio_from_singular_values": None,
    "variance_from_singular_value": None,
    "lost_variance": None,
    "why_centre": None,
    "sign_ambiguity": None,
    "eigh_not_eig": None,
    "standardize_first": None,
}
