"""Updates b every epoch but leaves it out of predict_proba (sigmoid(X @ w)), so b changes and
has no effect. The first step from zero is still right (b starts at 0); the trajectory must say
that b has no effect on the loss, not that it is never updated."""
# expect-failing: predict_proba_values, predict_threshold, trajectory, reaches_the_optimum, stable_on_separable_data

import numpy as np


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict_proba(self, X):
        z = np.clip(X @ self.w, -500, 500)
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, X):
        return np.where(self.predict_proba(X) >= 0.5, 1, 0)

    def compute_loss(self, p, y):
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))

    def compute_gradients(self, X, y, p):
        error = p - y
        return X.T @ error / X.shape[0], float(error.mean())

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
