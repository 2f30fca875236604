"""Solves least squares with np.linalg.lstsq and returns a made-up decreasing loss curve.
The grader must fail the first-step, trajectory, continuation and divergence checks."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, reaches_least_squares, trajectory

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
        err = y_hat - y
        return (2 / n) * X.T @ err, (2 / n) * float(err.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        # the normal equation is exact, no need for gradient descent
        start = self.compute_loss(self.predict(X), y)
        A = np.column_stack([X, np.ones(len(X))])
        theta = np.linalg.lstsq(A, y, rcond=None)[0]
        self.w, self.b = theta[:-1], float(theta[-1])
        end = self.compute_loss(self.predict(X), y)
        # a nice-looking curve from the start loss down to the optimum
        return list(end + (start - end) * np.exp(-np.arange(epochs) / 10.0))


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
