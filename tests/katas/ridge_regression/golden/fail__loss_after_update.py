"""Records the loss after each update instead of before it ("the loss the epoch reached"),
otherwise correct. The end points are right, but every recorded loss is one step late: the
first step, the penalized step, the trajectory and a continued fit must all say the loss is
recorded after the update."""
# expect-failing: continues_from_current_parameters, first_step, penalized_step, trajectory

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        self.w = np.zeros(n_features)
        self.b = 0.0
        self.alpha = float(alpha)

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2) + self.alpha * np.dot(self.w, self.w))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        r = y_hat - y
        return (2 / n) * (X.T @ r) + 2 * self.alpha * self.w, (2 / n) * float(np.sum(r))

    def fit(self, X, y, lr=0.01, epochs=1000):
        losses = []
        for _ in range(epochs):
            dw, db = self.compute_gradients(X, y, self.predict(X))
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
            losses.append(self.compute_loss(self.predict(X), y))
        return losses


QUIZ_ANSWERS = {
    "sklearn_alpha": 50,
    "unpenalized_bias": "c",
    "large_alpha_limit": 4.0,
    "stable_learning_rate": 0.2,
    "weight_decay": "b",
    "first_step_from_zero": "a",
    "always_invertible": "d",
}
