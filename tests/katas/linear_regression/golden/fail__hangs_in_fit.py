"""fit loops until the gradient is tiny (while True with a tolerance that is never reached),
so it never returns. Every check that calls fit must time out and the grading must still finish."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, inputs_untouched, no_loop_over_features, no_loop_over_samples, output_shapes, reaches_least_squares, speed_at_scale, trajectory

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
        history = []
        # train "until convergence" instead of a fixed number of epochs
        while True:
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            if np.linalg.norm(dw) + abs(db) < 0.0:   # never true
                break
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
