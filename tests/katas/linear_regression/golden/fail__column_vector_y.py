"""Keeps w as a (d, 1) column and reshapes y to (n, 1) everywhere, so predict returns (n, 1)
and w has the wrong shape. The grader must fail the shape checks and name the column-vector mistake."""
# expect-failing: first_step, gradient_values, init_parameters, output_shapes, reaches_least_squares

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        # column vector, like in the lecture notes
        self.w = np.zeros((n_features, 1))
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b                 # (n, 1)

    def compute_loss(self, y_hat, y):
        y = y.reshape(-1, 1)
        y_hat = y_hat.reshape(-1, 1)
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        y = y.reshape(-1, 1)
        err = y_hat.reshape(-1, 1) - y              # (n, 1)
        dw = (2 / n) * X.T @ err                    # (d, 1)
        db = (2 / n) * float(np.sum(err))
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
