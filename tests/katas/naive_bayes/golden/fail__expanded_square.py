"""Classic mistake: the Gaussian exponent with its square expanded. predict_log_proba computes
(x - theta)^2 / var as x^2 / var - 2 x theta / var + theta^2 / var (three broadcast terms,
no difference taken first). In exact arithmetic that is the same number, but when x and theta
are large, or var_ is tiny, the three terms are huge and nearly cancel, leaving rounding
noise: at a feature constant (1002.0) within a class, whose var_ is epsilon, and with every
feature shifted by 1e6. fit is right, so those two checks must fail, naming the expanded
square and saying to square diff = x - theta; every other check passes."""
# expect-failing: zero_variance_within_class, large_offset

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_, codes = np.unique(y, return_inverse=True)
        counts = np.bincount(codes)
        self.class_prior_ = counts / len(y)
        self.theta_ = np.array([X[codes == k].mean(axis=0) for k in range(len(counts))])
        self.var_ = np.array([X[codes == k].var(axis=0) for k in range(len(counts))])
        self.var_ = self.var_ + self.var_smoothing * X.var(axis=0).max()
        return self

    def predict_log_proba(self, X):
        x, mu, var = X[:, None, :], self.theta_[None, :, :], self.var_[None, :, :]
        quadratic = x ** 2 / var - 2 * x * mu / var + mu ** 2 / var    # (x - mu)^2 / var
        log_density = -0.5 * np.log(2 * np.pi * var) - 0.5 * quadratic
        jll = np.log(self.class_prior_)[None, :] + log_density.sum(axis=2)
        top = jll.max(axis=1, keepdims=True)
        return jll - top - np.log(np.sum(np.exp(jll - top), axis=1, keepdims=True))

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
