"""Reference solution: Gaussian naive Bayes with variance smoothing, in log space."""

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_, codes = np.unique(y, return_inverse=True)
        onehot = np.eye(len(self.classes_))[codes]                    # (n, C)
        counts = onehot.sum(axis=0)
        self.class_prior_ = counts / len(y)
        self.theta_ = onehot.T @ X / counts[:, None]                  # (C, d)
        centred = X[None, :, :] - self.theta_[:, None, :]             # (C, n, d)
        spread = np.einsum("nc,cnd->cd", onehot, centred ** 2)
        epsilon = self.var_smoothing * np.max(np.var(X, axis=0))
        self.var_ = spread / counts[:, None] + epsilon
        return self

    def _joint_log_likelihood(self, X):
        diff = X[:, None, :] - self.theta_[None, :, :]                # (m, C, d)
        log_density = -0.5 * (np.log(2 * np.pi * self.var_)[None] + diff ** 2 / self.var_[None])
        return np.log(self.class_prior_)[None, :] + log_density.sum(axis=2)

    def predict_log_proba(self, X):
        joint = self._joint_log_likelihood(X)
        top = joint.max(axis=1, keepdims=True)
        return joint - (top + np.log(np.sum(np.exp(joint - top), axis=1, keepdims=True)))

    def predict(self, X):
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.3133,
    "prior_effect": "a",
    "parameter_count": 63,
}
