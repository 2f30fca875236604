"""Takes the covariance from np.cov(X, rowvar=False), which is right for two or more features
but a 0-d array for one: np.linalg.eigh then raises. The statement warns about it; only the
shapes check (which fits one feature) must fail, with the advice naming np.cov's scalar."""
# expect-failing: output_shapes

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
        keep = np.argsort(values)[::-1][:self.n_components]
        self.components_ = vectors[:, keep].T
        self.explained_variance_ = values[keep]
        self.explained_variance_ratio_ = values[keep] / values.sum()
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
