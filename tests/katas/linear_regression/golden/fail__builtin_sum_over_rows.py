"""Uses builtins that iterate arrays element by element: db = sum(err) and dw built with
sum(map(...)) over the rows of X. The grader must fail the no-loop-over-samples check (and speed)."""
# expect-failing: no_loop_over_samples, speed_at_scale

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = len(y)
        err = y_hat - y
        # sum of err_i * x_i over the samples, then the sum of the errors
        dw = 2 / n * sum(map(np.multiply, err, X))
        db = 2 / n * sum(err)
        return dw, float(db)

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
