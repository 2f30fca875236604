"""Uses the 1/(2n) convention: the loss is half the MSE and the gradient lacks the factor 2.
The grader must fail the loss, gradient, first-step and trajectory checks and name the convention."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, gradient_values, loss_values, reaches_least_squares, trajectory

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        # J = 1/(2m) * sum (h - y)^2, as in the Coursera course
        m = len(y)
        return float(np.sum((y_hat - y) ** 2) / (2 * m))

    def compute_gradients(self, X, y, y_hat):
        m = X.shape[0]
        err = y_hat - y
        dw = X.T @ err / m      # the 2 cancels with the 1/2
        db = float(err.sum()) / m
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        J_history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            J_history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        return J_history


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
