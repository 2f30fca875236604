"""Residual computed as y - y_hat but the update still subtracts the gradient, so gradient
descent walks uphill. The grader must fail the gradient, first-step, trajectory and convergence checks."""
# expect-failing: continues_from_current_parameters, first_step, gradient_values, reaches_least_squares, trajectory

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
        err = y - y_hat          # residual the "other" way round...
        dw = (2 / n) * X.T @ err
        db = (2 / n) * float(np.sum(err))
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            # ...but still the usual descent step: the sign is now wrong
            self.w -= lr * dw
            self.b -= lr * db
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
