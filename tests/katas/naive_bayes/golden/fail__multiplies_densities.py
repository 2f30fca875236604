"""Classic mistake: multiplying probabilities. predict_log_proba multiplies the Gaussian densities of
the features, multiplies by the prior, normalizes, and only then takes the log. On ordinary data
that agrees with the log-space answer, but far from the classes or with 400 features every product
underflows to 0.0: the result is nan or -inf. The underflow checks must say to work in logs."""
# expect-failing: log_proba_finite_under_underflow, zero_variance_within_class

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
        columns = []
        for k in range(len(self.classes_)):
            density = np.exp(-(X - self.theta_[k]) ** 2 / (2 * self.var_[k])) \
                / np.sqrt(2 * np.pi * self.var_[k])
            columns.append(self.class_prior_[k] * np.prod(density, axis=1))
        joint = np.stack(columns, axis=1)
        with np.errstate(all="ignore"):
            return np.log(joint / joint.sum(axis=1, keepdims=True))

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
