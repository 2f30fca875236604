"""Classic mistake: predict returns the index of the best class (np.argmax) instead of the label. With
labels 0 .. C-1 that is invisible, but string labels and labels such as [1, 4, 6] expose it: the
messages must say to return classes_[index]."""
# expect-failing: string_classes, predict_values

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_, codes = np.unique(y, return_inverse=True)
        Y = (codes[:, None] == np.arange(len(self.classes_))[None, :]).astype(float)  # (n, C)
        counts = Y.sum(axis=0)
        self.class_prior_ = counts / X.shape[0]
        self.theta_ = (Y.T @ X) / counts[:, None]
        residual = X - self.theta_[codes]                  # each row minus its class mean
        self.var_ = (Y.T @ residual ** 2) / counts[:, None]
        self.var_ = self.var_ + self.var_smoothing * np.var(X, axis=0).max()
        return self

    def predict_log_proba(self, X):
        z = (X[:, None, :] - self.theta_[None, :, :]) ** 2 / self.var_[None, :, :]
        jll = np.log(self.class_prior_) - 0.5 * (
            np.sum(np.log(2 * np.pi * self.var_), axis=1)[None, :] + z.sum(axis=2))
        return jll - np.logaddexp.reduce(jll, axis=1, keepdims=True)

    def predict(self, X):
        return np.argmax(self.predict_log_proba(X), axis=1)


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.3133,
    "prior_effect": "a",
    "parameter_count": 63,
}
