"""Records the loss after the update instead of before it, so history[0] is not log(2) and
the whole history is shifted by one epoch. The first-step and trajectory checks must say so."""
# expect-failing: first_step, trajectory

import numpy as np


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
        return X.T @ (p - y) / len(y), float(np.mean(p - y))

    def fit(self, X, y, lr=0.1, epochs=1000):
        history = []
        for _ in range(epochs):
            p = self.predict_proba(X)
            dw, db = self.compute_gradients(X, y, p)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
            history.append(self.compute_loss(self.predict_proba(X), y))
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
