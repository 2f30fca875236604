"""Starts w from small random numbers ("to break symmetry", a habit from neural networks),
otherwise correct. Every check that follows fit from a new model sees other losses than the
reference's, and each must name the cause, the random initial weights, rather than guess at
the trajectory; the checks that set w and b themselves, or look only at the end point, pass."""
# expect-failing: continues_from_current_parameters, first_step, init_parameters, trajectory

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.w = np.random.default_rng().normal(scale=0.01, size=n_features)
        self.b = 0.0
        self.alpha = alpha

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2) + self.alpha * self.w @ self.w)

    def compute_gradients(self, X, y, y_hat):
        e = y_hat - y
        n = X.shape[0]
        return 2 * X.T @ e / n + 2 * self.alpha * self.w, 2 * float(e.sum()) / n

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
