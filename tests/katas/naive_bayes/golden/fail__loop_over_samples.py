"""Classic mistake: a loop over samples. predict_log_proba computes one row at a time in a list
comprehension. The values are right; the vectorization check must name the loop. (A row costs
about 30 microseconds of NumPy overhead, 10 to 20 times the vectorized cost per row at 20
features and 4 classes, so the speed check, a backstop with a 40x margin, lets it through.)"""
# expect-failing: no_loop_over_samples

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

    def _row(self, x):
        jll = np.log(self.class_prior_) - 0.5 * np.sum(
            np.log(2 * np.pi * self.var_) + (x - self.theta_) ** 2 / self.var_, axis=1)
        return jll - np.logaddexp.reduce(jll)

    def predict_log_proba(self, X):
        return np.array([self._row(x) for x in X]).reshape(len(X), len(self.classes_))

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_log_proba(X), axis=1)]


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.3133,
    "prior_effect": "a",
    "parameter_count": 63,
}
