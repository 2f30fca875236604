"""Stops training as soon as the loss has blown up (more than 1e8 times the first loss) and
fills the rest of the history with nan, so that it still has `epochs` entries. At a safe rate
the stop never fires and everything is right; above the stable rate the history is no longer
gradient descent's (nan where the real, growing losses belong). A history that merely holds a
non-finite value must not pass for a diverging one: the unsafe-rate check compares it with the
reference's and says so."""
# expect-failing: diverges_at_unsafe_lr

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X.dot(self.w) + self.b

    def compute_loss(self, y_hat, y):
        residual = y_hat - y
        return float(residual.dot(residual) / residual.size)

    def compute_gradients(self, X, y, y_hat):
        residual = y_hat - y
        scale = 2.0 / len(y)
        return scale * X.T.dot(residual), scale * float(residual.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            loss = self.compute_loss(y_hat, y)
            if history and loss > 1e8 * history[0]:
                # diverging: no point in more epochs, mark the rest as undefined
                history.extend([float("nan")] * (epochs - len(history)))
                break
            history.append(loss)
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w -= lr * dw
            self.b -= lr * db
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
