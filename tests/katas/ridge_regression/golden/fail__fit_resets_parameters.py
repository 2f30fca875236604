"""fit starts every call from w = 0, b = 0 ("a clean start for each training run"), otherwise
correct. From a new model nothing differs, so the first step, the trajectory and the end points
pass; but a model whose w and b were set, or fitted before, is thrown back to zero. The checks
that see it must say that fit reset the parameters, not blame the loss or its penalty."""
# expect-failing: continues_from_current_parameters, penalized_step

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.n_features = n_features
        self.alpha = alpha
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return np.dot(X, self.w) + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2) + self.alpha * np.sum(self.w ** 2))

    def compute_gradients(self, X, y, y_hat):
        error = y_hat - y
        n = len(y)
        dw = 2 / n * np.dot(X.T, error) + 2 * self.alpha * self.w
        return dw, 2 / n * float(np.sum(error))

    def fit(self, X, y, lr=0.01, epochs=1000):
        self.w = np.zeros(self.n_features)
        self.b = 0.0
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
