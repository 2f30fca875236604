"""Correct solution that stores theta = [w, b], appends a column of ones to X and penalizes
theta through a mask that is 1 for the weights and 0 for the bias; `w` and `b` are properties
with setters. The grader must pass every check."""

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.alpha = float(alpha)
        self.theta = np.zeros(n_features + 1)
        self.mask = np.append(np.ones(n_features), 0.0)  # do not penalize the bias

    @property
    def w(self):
        return self.theta[:-1]

    @w.setter
    def w(self, value):
        self.theta = np.concatenate([np.asarray(value, dtype=float), self.theta[-1:]])

    @property
    def b(self):
        return float(self.theta[-1])

    @b.setter
    def b(self, value):
        self.theta = self.theta.copy()
        self.theta[-1] = float(value)

    def predict(self, X):
        return np.hstack([X, np.ones((len(X), 1))]) @ self.theta

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2) + self.alpha * np.sum(self.mask * self.theta ** 2))

    def _gradient(self, Xb, err):
        return 2 / len(err) * Xb.T @ err + 2 * self.alpha * self.mask * self.theta

    def compute_gradients(self, X, y, y_hat):
        grad = self._gradient(np.hstack([X, np.ones((len(X), 1))]), y_hat - y)
        return grad[:-1], float(grad[-1])

    def fit(self, X, y, lr=0.01, epochs=1000):
        Xb = np.hstack([X, np.ones((len(X), 1))])
        history = []
        for _ in range(epochs):
            y_hat = Xb @ self.theta
            history.append(self.compute_loss(y_hat, y))
            self.theta = self.theta - lr * self._gradient(Xb, y_hat - y)
        return history


QUIZ_ANSWERS = {
    "sklearn_alpha": 50,
    "unpenalized_bias": "c",
    "large_alpha_limit": 4.0,
    "stable_learning_rate": 0.2,
    "weight_decay": "b",
    "first_step_from_zero": "a",
    "always_invertible": "d",
}
