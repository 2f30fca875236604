"""Correct solution that prints arrays while it trains, as learners debug: the weights every
epoch with print(self.w), the gradient in an f-string, a logging call with all the
predictions every 100 epochs, and a row formatted by a generator inside print. Output of any size never changes a verdict,
so every check passes."""

import logging

import numpy as np

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("ridge")


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.alpha = alpha
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        mse = np.mean(np.square(y_hat - y))
        return float(mse + self.alpha * np.sum(np.square(self.w)))

    def compute_gradients(self, X, y, y_hat):
        n = len(y)
        residual = y_hat - y
        dw = (2.0 / n) * (X.T @ residual) + 2.0 * self.alpha * self.w
        db = (2.0 / n) * float(np.sum(residual))
        print(f"dw = {dw}, db = {db:.5f}")
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        losses = []
        for epoch in range(epochs):
            y_hat = self.predict(X)
            losses.append(self.compute_loss(y_hat, y))
            if epoch % 100 == 0:
                logger.info("epoch %d predictions %s", epoch, y_hat)
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
            print(self.w)
            print("w:", ", ".join(f"{value:.4f}" for value in self.w), "| b:", self.b)
        return losses


QUIZ_ANSWERS = {
    "sklearn_alpha": 50,
    "unpenalized_bias": "c",
    "large_alpha_limit": 4.0,
    "stable_learning_rate": 0.2,
    "weight_decay": "b",
    "first_step_from_zero": "a",
    "always_invertible": "d",
}
