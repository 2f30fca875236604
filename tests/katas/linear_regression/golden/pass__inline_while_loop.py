"""Correct solution whose fit computes everything inline in a `while` loop over epochs and
returns np.array(history). The grader must pass every check (a 1-D float array is accepted)."""

import numpy as np


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
        r = y_hat - y
        return 2 * X.T @ r / n, 2 * float(np.sum(r)) / n

    def fit(self, X, y, lr=0.01, epochs=1000):
        n = X.shape[0]
        w, b = self.w.copy(), self.b
        history = []
        epoch = 0
        while epoch < epochs:
            r = X @ w + b - y
            history.append(np.mean(r ** 2))
            w = w - lr * (2 / n) * (X.T @ r)
            b = b - lr * (2 / n) * r.sum()
            epoch += 1
        self.w, self.b = w, float(b)
        return np.array(history)


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
