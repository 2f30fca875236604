"""Adds an L2 penalty out of habit, and applies it to the bias too: dw + lam * w and
db + lam * b. This kata has no penalty at all (and a penalty never belongs on the bias). The
gradient check, which sets w and b to non-zero values, must name the penalty; from zero the
first step is unaffected, the later trajectory is not."""
# expect-failing: gradient_values, trajectory, reaches_the_optimum, stable_on_separable_data

import numpy as np


LAM = 0.01


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict_proba(self, X):
        return 1 / (1 + np.exp(-(X @ self.w + self.b)))

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)

    def compute_loss(self, p, y):
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def compute_gradients(self, X, y, p):
        n = X.shape[0]
        dw = X.T @ (p - y) / n + LAM * self.w
        db = float(np.mean(p - y)) + LAM * self.b
        return dw, db

    def fit(self, X, y, lr=0.1, epochs=1000):
        history = []
        for _ in range(epochs):
            p = self.predict_proba(X)
            history.append(self.compute_loss(p, y))
            dw, db = self.compute_gradients(X, y, p)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        return history


QUIZ_ANSWERS = {
    "first_loss": 0.693,
    "first_db": -0.25,
    "round_half": "c",
    "why_cross_entropy": "b",
    "separable_data": "d",
    "clipped_term": 34.5,
    "sigmoid_derivative": "a",
}
