"""Reshapes y to a column (n, 1) "to be safe" in the loss and the gradient, so p - y
broadcasts to an (n, n) matrix: dw comes out (d, n) and the loss is an average over n * n
pairs. The shape check must name the column vector."""
# expect-failing: output_shapes, loss_values, loss_clipping, gradient_values, first_step, trajectory, continues_from_current_parameters, reaches_the_optimum, speed_at_scale

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
        y = y.reshape(-1, 1)
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def compute_gradients(self, X, y, p):
        y = y.reshape(-1, 1)
        err = p - y
        return X.T @ err / X.shape[0], float(np.mean(err))

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
