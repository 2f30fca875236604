"""compute_gradients ignores the p it is handed and recomputes the probabilities from the
model's own w and b. Inside fit that gives the same numbers (fit passes predict_proba(X)), so
the trajectory is right; but the statement says the gradients come from the p given, and
gradient_values, handing it a p of other parameters, must say it is ignored."""
# expect-failing: gradient_values

import numpy as np


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict_proba(self, X):
        z = X @ self.w + self.b
        return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)

    def compute_loss(self, p, y):
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    def compute_gradients(self, X, y, p):
        probabilities = self.predict_proba(X)  # "p is the same thing anyway"
        error = probabilities - y
        return X.T @ error / len(y), float(np.mean(error))

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
