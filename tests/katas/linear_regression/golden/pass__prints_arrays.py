"""Correct solution that prints arrays while it works, in every way a learner does: the
weights every epoch (print, an f-string, a repr in a log message), all the predictions every
100 epochs, the whole X once, and a formatted row built by a generator. Printing never
changes a verdict, so every check passes."""

import logging

import numpy as np

log = logging.getLogger("my_regression")


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0
        print("initial weights:", self.w)

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        e = y_hat - y
        print(f"gradient check: {2 / n * X.T @ e}")
        return (2 / n) * X.T @ e, (2 / n) * float(e.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        print("training on", X)
        history = []
        for epoch in range(epochs):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
            print(self.w)
            print(f"epoch {epoch}: w = {self.w}, b = {self.b:.4f}")
            log.warning("epoch %d: w=%r", epoch, self.w)
            if epoch % 100 == 0:
                log.warning("predictions %s", y_hat)
            print("  ".join(f"{v:+.3f}" for v in self.w))
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
