"""Correct solution that prints arrays while it works: the probabilities and weights every
epoch, X once, a logged gradient. Printing never changes a verdict, so every check passes."""

import logging

import numpy as np

log = logging.getLogger("logreg")


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0
        print("init", self.w, self.b)

    def predict_proba(self, X):
        z = X @ self.w + self.b
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        print("p =", p)
        return p

    def predict(self, X):
        labels = (self.predict_proba(X) >= 0.5).astype(int)
        print(f"labels: {labels}")
        return labels

    def compute_loss(self, p, y):
        q = np.clip(p, 1e-15, 1 - 1e-15)
        loss = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
        print("loss", loss)
        return float(loss)

    def compute_gradients(self, X, y, p):
        n = len(y)
        dw = X.T @ (p - y) / n
        db = np.sum(p - y) / n
        log.warning("gradient %r, %s", dw, db)
        return dw, float(db)

    def fit(self, X, y, lr=0.1, epochs=1000):
        print("training on", X, "labels", y)
        history = []
        for epoch in range(epochs):
            p = self.predict_proba(X)
            history.append(self.compute_loss(p, y))
            dw, db = self.compute_gradients(X, y, p)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
            print(f"epoch {epoch}: w = {self.w}, b = {self.b:.4f}")
            print("  ".join(f"{v:+.3f}" for v in self.w))
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
