"""Reference solution: principal component analysis by the SVD of the centred data."""

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        n = X.shape[0]
        self.mean_ = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        variances = S ** 2 / (n - 1)  # eigenvalues of the covariance, descending
        k = self.n_components
        self.components_ = Vt[:k]
        self.explained_variance_ = variances[:k]
        self.explained_variance_ratio_ = variances[:k] / variances.sum()
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
