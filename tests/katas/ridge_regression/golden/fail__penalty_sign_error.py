"""Subtracts the penalty gradient (dw = data term - 2 * alpha * w), which pushes the weights
away from 0 instead of shrinking them."""
# expect-failing: continues_from_current_parameters, gradient_values, matches_closed_form, penalized_step, trajectory

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.w = np.zeros(n_features)
        self.b = 0.0
        self.alpha = alpha

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2) + self.alpha * np.sum(self.w ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        err = y_hat - y
        dw = (2 / n) * X.T @ err - 2 * self.alpha * self.w
        db = (2 / n) * float(np.sum(err))
        return dw, db

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
    "sklearn_alpha": 50,
    "unpenalized_bias": "c",
    "large_alpha_limit": 4.0,
    "stable_learning_rate": 0.2,
    "weight_decay": "b",
    "first_step_from_zero": "a",
    "always_invertible": "d",
}
