"""Trains with a Python loop over the samples, but remembers each fit's result by the bytes of
its data, so a second fit on the same data does no work. The grader counts its work after a
warm-up on other data, so the loop still shows."""
# expect-failing: no_loop_over_samples, speed_at_scale

import numpy as np

_CACHE = {}


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
        dw = np.zeros(X.shape[1])
        db = 0.0
        for i in range(n):
            e = y_hat[i] - y[i]
            dw += (2 / n) * e * X[i]
            db += (2 / n) * e
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        key = (X.tobytes(), y.tobytes(), lr, epochs, self.w.tobytes(), self.b)
        if key in _CACHE:
            self.w, self.b, history = _CACHE[key]
            return list(history)
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        _CACHE[key] = (self.w.copy(), self.b, list(history))
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
