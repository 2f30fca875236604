"""Divides the squared singular values by n (np.var's default ddof = 0) instead of n - 1: the
explained variances are (n - 1) / n of the spec's, also on wide data. The ratio is
unaffected."""
# expect-failing: explained_variance_values, wide_data_real_output

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        var = S ** 2 / X.shape[0]
        self.components_ = Vt[: self.n_components]
        self.explained_variance_ = var[: self.n_components]
        self.explained_variance_ratio_ = var[: self.n_components] / var.sum()
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
