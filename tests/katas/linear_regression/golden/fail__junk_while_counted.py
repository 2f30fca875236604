"""Right on every ordinary call, but when its own frame carries a trace function (the grader
counting its work; asking sys.gettrace() would get "no" in the worker) it returns a made-up
history instead of training. The counted calls must return what the reference returns, so the
vectorization checks fail: nothing is verified while faked."""
# expect-failing: no_loop_over_features, no_loop_over_samples

import sys

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
        e = y_hat - y
        return (2 / n) * X.T @ e, (2 / n) * float(e.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        if sys._getframe().f_trace is not None:
            return [1.0] * epochs
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
