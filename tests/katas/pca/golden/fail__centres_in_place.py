"""Centres X in place (X -= self.mean_) to save memory: the caller's X changes, which the
inputs-untouched check names with the line. The values are right (each call gets its own copy
from the grader)."""
# expect-failing: inputs_untouched

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        X -= self.mean_
        _, S, Vt = np.linalg.svd(X, full_matrices=False)
        var = S ** 2 / (len(X) - 1)
        self.components_ = Vt[: self.n_components]
        self.explained_variance_ = var[: self.n_components]
        self.explained_variance_ratio_ = self.explained_variance_ / var.sum()
        return self

    def transform(self, X):
        return (X - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_


QUIZ_ANSWERS = {
    "ratio_from_singular_values": 0.7619,
    "variance_from_singular_value": 10,
    "lost_variance": 2.0,
    "why_centre": "c",
    "sign_ambiguity": "a",
    "eigh_not_eig": "d",
    "standardize_first": "b",
}
