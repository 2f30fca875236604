"""Forgets that np.linalg.eigh returns the eigenvalues in ascending order and keeps the first
k columns: the directions of the smallest variance. Every check of the components and the
variances names eigh's order."""
# expect-failing: components_span, components_order, explained_variance_values, explained_variance_ratio_values, transformed_data_uncorrelated, reconstruction_error, wide_data_real_output

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        vals, vecs = np.linalg.eigh(Xc.T @ Xc / (X.shape[0] - 1))
        k = self.n_components
        self.components_ = vecs[:, :k].T
        self.explained_variance_ = vals[:k]
        self.explained_variance_ratio_ = vals[:k] / vals.sum()
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
