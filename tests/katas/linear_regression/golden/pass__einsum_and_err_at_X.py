"""Correct batch gradient descent written with np.einsum, `err @ X`, np.dot and `.mean()`.
The grader must pass every check: these are all vectorized spellings of the reference."""

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        # row-wise dot product, written with einsum
        return np.einsum("nd,d->n", X, self.w) + self.b

    def compute_loss(self, y_hat, y):
        err = y_hat - y
        return float((err * err).mean())

    def compute_gradients(self, X, y, y_hat):
        err = y_hat - y
        n = len(err)
        dw = 2.0 * (err @ X) / n          # same as X.T @ err
        db = 2.0 * err.mean()
        return dw, float(db)

    def fit(self, X, y, lr=0.01, epochs=1000):
        losses = []
        for epoch in range(epochs):
            y_hat = np.dot(X, self.w) + self.b
            losses.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        return losses


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
