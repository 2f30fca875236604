"""Right values, but the covariance is accumulated one sample at a time (a sum of outer
products in a Python loop): the work grows with n, which the no-loop-over-samples check
names."""
# expect-failing: no_loop_over_samples

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        n, d = X.shape
        self.mean_ = X.mean(axis=0)
        cov = np.zeros((d, d))
        for row in X:
            centred = row - self.mean_
            cov += np.outer(centred, centred)
        cov /= n - 1
        vals, vecs = np.linalg.eigh(cov)
        top = np.argsort(vals)[::-1][: self.n_components]
        self.components_ = vecs[:, top].T
        self.explained_variance_ = vals[top]
        self.explained_variance_ratio_ = vals[top] / np.trace(cov)
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
