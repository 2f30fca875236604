"""Shuffles X and y in place (the same permutation for both) before training. Batch gradient
descent does not depend on the order of the samples, so every result is right; only the
caller's arrays were changed, and only the robustness check may say so, naming the line."""
# expect-failing: inputs_untouched

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
        order = np.random.default_rng(0).permutation(len(y))
        X[:] = X[order]
        y[:] = y[order]
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
