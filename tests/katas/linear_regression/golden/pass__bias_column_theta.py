"""Correct solution that stores one parameter vector theta = [w, b] and adds a column of ones
to X; `w` and `b` are properties with setters. The grader must pass every check."""

import numpy as np


def _with_ones(X):
    return np.hstack([X, np.ones((X.shape[0], 1))])


class LinearRegression:
    def __init__(self, n_features):
        # last entry of theta is the bias
        self.theta = np.zeros(n_features + 1)

    @property
    def w(self):
        return self.theta[:-1]

    @w.setter
    def w(self, value):
        self.theta = np.concatenate([np.asarray(value, dtype=float), self.theta[-1:]])

    @property
    def b(self):
        return float(self.theta[-1])

    @b.setter
    def b(self, value):
        self.theta = self.theta.copy()
        self.theta[-1] = float(value)

    def predict(self, X):
        return _with_ones(X) @ self.theta

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        grad = (2 / n) * _with_ones(X).T @ (y_hat - y)
        return grad[:-1], float(grad[-1])

    def fit(self, X, y, lr=0.01, epochs=1000):
        Xb = _with_ones(X)
        n = Xb.shape[0]
        history = []
        for _ in range(epochs):
            y_hat = Xb @ self.theta
            history.append(self.compute_loss(y_hat, y))
            grad = (2 / n) * Xb.T @ (y_hat - y)
            self.theta = self.theta - lr * grad
        return history


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
