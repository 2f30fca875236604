"""Correct solution by the eigendecomposition of the covariance: np.linalg.eigh, eigenvalues
sorted descending, eigenvectors taken as columns and transposed into rows. Its signs are
whatever eigh returns, which the grader never compares."""

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        n = X.shape[0]
        self.mean_ = np.mean(X, axis=0)
        Xc = X - self.mean_
        cov = Xc.T @ Xc / (n - 1)
        eigenvalues, eigenvectors = np.linalg.eigh(cov)
        order = np.argsort(eigenvalues)[::-1]
        top = order[: self.n_components]
        self.components_ = eigenvectors[:, top].T
        self.explained_variance_ = eigenvalues[top]
        self.explained_variance_ratio_ = self.explained_variance_ / np.sum(eigenvalues)
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
