"""The textbook sigmoid 1 / (1 + np.exp(-z)), which warns "overflow encountered in exp" for
very negative z but still returns the right value (1 / inf = 0.0); the loss with np.where on
the labels, the gradient as a mean of per-sample rows. Warnings alone never fail a check, so
every check passes."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict_proba(self, X):
        return sigmoid(X.dot(self.w) + self.b)

    def predict(self, X):
        return np.where(self.predict_proba(X) >= 0.5, 1, 0)

    def compute_loss(self, p, y):
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return float(np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p))))

    def compute_gradients(self, X, y, p):
        err = p - y
        dw = np.mean(X * err[:, None], axis=0)
        db = err.mean()
        return dw, float(db)

    def fit(self, X, y, lr=0.1, epochs=1000):
        losses = []
        for _ in range(epochs):
            p = self.predict_proba(X)
            losses.append(self.compute_loss(p, y))
            dw, db = self.compute_gradients(X, y, p)
            self.w -= lr * dw
            self.b -= lr * db
        return losses


QUIZ_ANSWERS = {
    "first_loss": 0.693,
    "first_db": -0.25,
    "round_half": "c",
    "why_cross_entropy": "b",
    "separable_data": "d",
    "clipped_term": 34.5,
    "sigmoid_derivative": "a",
}
