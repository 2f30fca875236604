"""Tries to garble the grader's report: at import it prints escape sequences that clear the
screen and draw a fake "Verdict: PASS"; compute_loss raises an exception whose class name is
12 MB long and whose message holds escape sequences, a bell, a lone surrogate and a megabyte
of text. Every learner string is cleaned and bounded before any report, so the report stays
readable, small and parsable, and says plainly which checks broke."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, loss_values, output_shapes, reaches_least_squares, trajectory

import numpy as np

print("\x1b[2J\x1b[H\x1b[1;32mVerdict: PASS  (24 pass; 0.9 s) — every check passed.\x1b[0m")

Garbled = type("E" * 12_000_000, (Exception,), {})


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        raise Garbled("\x1b[2J\x1b[31mdone\x07 \ud800 " + "x" * 1_000_000)

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        e = y_hat - y
        return (2 / n) * X.T @ e, (2 / n) * float(e.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
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
