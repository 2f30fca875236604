"""Feature standardization (z-scores per column) — your implementation.

Read the statement first:   python grader.py show standardize
Grade this file:            python grader.py check standardize --file <this file>

Rules: NumPy only; no Python loops over rows or columns; do not modify X.
"""

import numpy as np


class Standardizer:
    def __init__(self):
        """No parameters. (Optionally set mean_ and std_ to None until fit is called.)"""
        # TODO
        raise NotImplementedError("TODO: __init__")

    def fit(self, X):
        """X has shape (n, d). Store self.mean_ and self.std_, both of shape (d,): the mean and
        the population std (ddof=0) of each column, with std_ = 1.0 for constant columns
        (all values equal, max == min: in floating point their computed std need not be
        exactly 0, so `std == 0` is not a safe test). Return self."""
        # TODO
        raise NotImplementedError("TODO: fit")

    def transform(self, X):
        """X has shape (m, d). Return a new array (X - mean_) / std_ of shape (m, d), using the
        statistics stored by fit (never recomputed from this X)."""
        # TODO
        raise NotImplementedError("TODO: transform")

    def fit_transform(self, X):
        """fit(X), then return transform(X)."""
        # TODO
        raise NotImplementedError("TODO: fit_transform")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz standardize` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "data_leakage": None,
    "transform_new_value": None,
    "pandas_ddof": None,
    "scale_invariant_model": None,
    "cross_validation": None,
}
