"""Correct solution by the SVD of the centred data, with a sign convention (each component's
largest entry made positive, so runs are reproducible across machines) and prints of arrays
while it works. Flipped signs and printing never change a verdict."""

import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        n_samples = len(X)
        self.mean_ = X.mean(axis=0)
        centred = X - self.mean_
        print("centred data:", centred)
        _, singular_values, vt = np.linalg.svd(centred, full_matrices=False)
        print("singular values", singular_values)
        biggest = np.argmax(np.abs(vt), axis=1)
        signs = np.sign(vt[np.arange(len(vt)), biggest])
        vt = vt * signs[:, None]
        variances = singular_values ** 2 / (n_samples - 1)
        k = self.n_components
        self.components_ = vt[:k]
        self.explained_variance_ = variances[:k]
        self.explained_variance_ratio_ = variances[:k] / variances.sum()
        print(f"kept {k} components:\n{self.components_}\nvariance {self.explained_variance_}")
        return self

    def transform(self, X):
        Z = (X - self.mean_) @ self.components_.T
        print("projected", Z)
        return Z

    def inverse_transform(self, Z):
        return self.mean_ + Z @ self.components_


QUIZ_ANSWERS = {
    "ratio_from_singular_values": 0.7619,
    "variance_from_singular_value": 10,
    "lost_variance": 2.0,
    "why_centre": "c",
    "sign_ambiguity": "a",
    "eigh_not_eig": "d",
    "standardize_first": "b",
}
