"""Stores mean_ and centres in transform, but takes the SVD of X itself in fit: the first
"component" points at the mean of the data and every variance is wrong. Every check of the
components and variances names the missing centring; transform and inverse_transform are right
for the components they are given."""
# expect-failing: components_span, components_order, explained_variance_values, explained_variance_ratio_values, transformed_data_uncorrelated, reconstruction_error, wide_data_real_output

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(X, full_matrices=False)
        variances = S ** 2 / (len(X) - 1)
        self.components_ = Vt[: self.n_components]
        self.explained_variance_ = variances[: self.n_components]
        self.explained_variance_ratio_ = self.explained_variance_ / variances.sum()
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
