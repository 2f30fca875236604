"""Correct solution that prints at import and prints the loss every 100 epochs.
Printing is allowed, so the grader must pass every check."""

import numpy as np

print("linear_regression.py loaded - numpy", np.__version__)


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
        history = []
        for epoch in range(epochs):
            y_hat = self.predict(X)
            loss = self.compute_loss(y_hat, y)
            history.append(loss)
            if epoch % 100 == 0:
                print(f"epoch {epoch:5d}  loss {loss:.6f}")
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w -= lr * dw
            self.b -= lr * db
        print(f"done: {epochs} epochs, final loss {history[-1] if history else float('nan'):.6f}")
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
