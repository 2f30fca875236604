"""Computes the squared errors with np.vectorize around a Python function (looks vectorized,
isn't). The grader must fail the no-loop-over-samples check (at 100,000 rows it is about 25x
slower than the reference: slow, but inside the speed check's 40x margin)."""
# expect-failing: no_loop_over_samples

import numpy as np


def _squared_error(a, b):
    return (a - b) ** 2


# "vectorized" version of the helper
squared_error = np.vectorize(_squared_error)


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean(squared_error(y_hat, y)))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        err = y_hat - y
        return (2 / n) * X.T @ err, (2 / n) * float(err.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
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
