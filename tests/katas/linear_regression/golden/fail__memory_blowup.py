"""Computes the residual via the (n, n) table y_hat[:, None] - y[None, :] and takes its diagonal;
the values are right, but at 100,000 samples fit would need ~75 GiB and runs out of memory.
The grader must fail the performance check (speed_at_scale) and nothing else."""
# expect-failing: speed_at_scale

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
        n = X.shape[0]
        err = y_hat - y
        return (2 / n) * X.T @ err, (2 / n) * float(err.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        n = X.shape[0]
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            # pairwise residual table: diag(...) holds y_hat_i - y_i
            table = y_hat[:, None] - y[None, :]        # (n, n) !
            err = np.diagonal(table).copy()
            history.append(float(np.mean(err ** 2)))
            self.w = self.w - lr * (2 / n) * (X.T @ err)
            self.b = self.b - lr * (2 / n) * float(err.sum())
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
