"""Classic mistake: the variance by the shortcut formula E[x^2] - E[x]^2. fit takes, per class,
np.mean(rows**2, axis=0) - theta**2, which is the variance in exact arithmetic but subtracts
two nearly equal numbers when the features lie far from 0: with every feature shifted by 1e6
they are about 1e12 and the difference keeps only rounding noise. Near 0 it is accurate to
1e-12, so every other check passes; the large-offset check must fail, naming E[x^2] - E[x]^2
and the mean of squared deviations."""
# expect-failing: large_offset

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
            self.var_[k] = np.mean(rows ** 2, axis=0) - self.theta_[k] ** 2   # E[x^2] - E[x]^2
        self.var_ += self.var_smoothing * np.max(np.var(X, axis=0))
        return self

    def predict_log_proba(self, X):
        diff = X[:, None, :] - self.theta_[None, :, :]
        log_density = -0.5 * np.log(2 * np.pi * self.var_) - diff ** 2 / (2 * self.var_)
        jll = np.log(self.class_prior_) + log_density.sum(axis=2)
        top = jll.max(axis=1, keepdims=True)
        return jll - (top + np.log(np.exp(jll - top).sum(axis=1, keepdims=True)))

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_log_proba(X), axis=1)]


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.313,
    "prior_effect": "a",
    "parameter_count": 63,
}
