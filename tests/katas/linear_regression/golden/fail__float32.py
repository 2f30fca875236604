"""Casts data and parameters to float32 "to save memory". The values drift from the float64
reference, so the grader must fail the precise-comparison checks and name float32."""
# expect-failing: continues_from_current_parameters, first_step, gradient_values, loss_values, predict_values, reaches_least_squares, trajectory

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features, dtype=np.float32)
        self.b = np.float32(0.0)

    def predict(self, X):
        return X.astype(np.float32) @ self.w + self.b

    def compute_loss(self, y_hat, y):
        err = y_hat.astype(np.float32) - y.astype(np.float32)
        return float(np.mean(err ** 2))

    def compute_gradients(self, X, y, y_hat):
        X = X.astype(np.float32)
        err = y_hat.astype(np.float32) - y.astype(np.float32)
        n = np.float32(X.shape[0])
        dw = np.float32(2) / n * (X.T @ err)
        db = np.float32(2) / n * err.sum()
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        X = X.astype(np.float32)
        y = y.astype(np.float32)
        lr = np.float32(lr)
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
