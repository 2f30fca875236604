"""Correct solution that copies X first and then works in place on the copy (allowed: the
caller's array is untouched), detects constant columns with a tolerance relative to each
column's magnitude (std <= 1e-12 * max(1, |mean|)), uses keepdims internally and raises a clear
error before fit. The grader must pass every check."""

import numpy as np


class Standardizer:
    def __init__(self):
        self.mean_ = None
        self.std_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        mean = np.mean(X, axis=0, keepdims=True)
        std = np.std(X, axis=0, keepdims=True)
        std = np.where(std <= 1e-12 * np.maximum(1.0, np.abs(mean)), 1.0, std)
        self.mean_, self.std_ = mean.ravel(), std.ravel()
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise RuntimeError("Standardizer: call fit(X) before transform(X)")
        Z = np.array(X, dtype=float, copy=True)
        Z -= self.mean_
        Z /= self.std_
        return Z

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
