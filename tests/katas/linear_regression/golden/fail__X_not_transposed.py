"""compute_gradients writes X @ err instead of X.T @ err, which raises a shape error for
n != d. The grader must report the shape mistake in every check that computes gradients."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, gradient_values, output_shapes, reaches_least_squares, trajectory

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
        dw = (2 / n) * (X @ err)   # X is (n, d), err is (n,) -> should be X.T @ err
        db = (2 / n) * float(err.sum())
        return dw, db

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
