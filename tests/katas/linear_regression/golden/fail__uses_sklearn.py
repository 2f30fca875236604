"""Delegates fit to sklearn.linear_model.LinearRegression. The import is refused, so the file
does not load; the grader must fail `load` and `no_ml_library` and skip the rest."""
# expect-failing: load, no_ml_library

import numpy as np
from sklearn.linear_model import LinearRegression as _SkLinearRegression


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        err = y_hat - y
        return (2 / n) * X.T @ err, (2 / n) * float(err.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        # why reinvent the wheel
        model = _SkLinearRegression().fit(X, y)
        self.w, self.b = model.coef_, float(model.intercept_)
        return [self.compute_loss(self.predict(X), y)] * epochs


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
