"""Fifty honest gradient steps, then a jump to the least-squares solution and a made-up tail
for the loss history. The first-step and short trajectory checks cannot see it; the
1500-epoch history compared with real gradient descent must."""
# expect-failing: reaches_least_squares

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
        error = y_hat - y
        n = X.shape[0]
        dw = (2 / n) * (X.T @ error)
        db = (2 / n) * float(np.sum(error))
        return dw, db

    def fit(self, X, y, lr=0.01, epochs=1000):
        history = []
        for _ in range(min(epochs, 50)):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        if epochs > 50 and np.isfinite(history[-1]):
            # "speed-up": jump to the closed form and draw a plausible rest of the curve
            design = np.column_stack([X, np.ones(len(X))])
            theta = np.linalg.lstsq(design, y, rcond=None)[0]
            self.w, self.b = theta[:-1], float(theta[-1])
            best = self.compute_loss(self.predict(X), y)
            gap = history[-1] - best
            history += list(best + gap * 0.5 ** np.arange(1, epochs - 49))
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
