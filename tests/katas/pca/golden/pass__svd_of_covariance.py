"""Correct solution in a third style: the SVD of the (symmetric, positive semi-definite)
covariance, whose singular values are its eigenvalues in decreasing order and whose U columns
are its eigenvectors; explained_variance_ recomputed as c @ cov @ c in a loop over the
components (allowed), and the ratio over the trace of the covariance."""

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components
        self.mean_ = None
        self.components_ = None

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        cov = np.einsum("ni,nj->ij", Xc, Xc) / (X.shape[0] - 1)
        U, S, _ = np.linalg.svd(cov)
        self.components_ = U[:, : self.n_components].T.copy()
        self.explained_variance_ = np.array([c @ cov @ c for c in self.components_])
        self.explained_variance_ratio_ = self.explained_variance_ / np.trace(cov)
        return self

    def transform(self, X):
        return np.dot(X - self.mean_, self.components_.T)

    def inverse_transform(self, Z):
        return np.dot(Z, self.components_) + self.mean_


QUIZ_ANSWERS = {
    "ratio_from_singular_values": 0.7619,
    "variance_from_singular_value": 10,
    "lost_variance": 2.0,
    "why_centre": "c",
    "sign_ambiguity": "a",
    "eigh_not_eig": "d",
    "standardize_first": "b",
}
