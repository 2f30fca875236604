"""Correct solution that loops over the classes (allowed): fit fills theta_ and var_ row by row
with a boolean mask per class, and predict_log_proba builds one column of joint
log-likelihoods per class before a max-shifted logsumexp. Every check passes."""

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        C, d = len(self.classes_), X.shape[1]
        self.class_prior_ = np.zeros(C)
        self.theta_ = np.zeros((C, d))
        self.var_ = np.zeros((C, d))
        for k, label in enumerate(self.classes_):
            rows = X[y == label]
            self.class_prior_[k] = len(rows) / len(X)
            self.theta_[k] = rows.mean(axis=0)
            self.var_[k] = rows.var(axis=0)
        self.var_ += self.var_smoothing * X.var(axis=0).max()
        return self

    def _jll(self, X):
        columns = []
        for k in range(len(self.classes_)):
            log_density = -0.5 * np.log(2 * np.pi * self.var_[k]) \
                - (X - self.theta_[k]) ** 2 / (2 * self.var_[k])
            columns.append(np.log(self.class_prior_[k]) + log_density.sum(axis=1))
        return np.stack(columns, axis=1)

    def predict_log_proba(self, X):
        jll = self._jll(X)
        biggest = jll.max(axis=1, keepdims=True)
        log_norm = biggest + np.log(np.exp(jll - biggest).sum(axis=1, keepdims=True))
        return jll - log_norm

    def predict(self, X):
        return self.classes_[self.predict_log_proba(X).argmax(axis=1)]


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.313,
    "prior_effect": "a",
    "parameter_count": 63,
}
