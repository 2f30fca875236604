"""Uses np.linalg.eig on the covariance and sorts its output. With more samples than features
eig happens to return real arrays here, but with fewer samples than features the covariance has
many zero eigenvalues and eig returns complex arrays: both checks that use such data name eig."""
# expect-failing: output_shapes, wide_data_real_output

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        values, vectors = np.linalg.eig(Xc.T @ Xc / (X.shape[0] - 1))
        order = np.argsort(values)[::-1][: self.n_components]
        self.components_ = vectors[:, order].T
        self.explained_variance_ = values[order]
        self.explained_variance_ratio_ = values[order] / values.sum()
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
