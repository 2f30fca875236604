"""Sorts eigh's output correctly but takes ROWS of the eigenvector matrix (vecs[order[:k]])
instead of its columns: the rows of an orthogonal matrix are orthonormal too, so the
orthonormality check passes, but they are not eigenvectors. The variances are right."""
# expect-failing: components_span, components_order, transformed_data_uncorrelated, reconstruction_error, wide_data_real_output

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        vals, vecs = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))
        order = np.argsort(vals)[::-1][: self.n_components]
        self.components_ = vecs[order]
        self.explained_variance_ = vals[order]
        self.explained_variance_ratio_ = vals[order] / vals.sum()
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
