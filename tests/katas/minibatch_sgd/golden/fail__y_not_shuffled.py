"""Shuffles the rows of X but slices y in the original order, so every batch pairs samples
with the wrong targets. The grader must name the misalignment and see it does not converge."""
# expect-failing: continues_from_current_parameters, full_batch_is_gd_step, full_batch_reaches_least_squares, small_batches_approach_optimum, trajectory_full_batches, trajectory_partial_last_batch

import numpy as np


class MiniBatchSGD:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def fit(self, X, y, lr=0.01, epochs=10, batch_size=32, seed=0):
        rng = np.random.default_rng(seed)
        n = X.shape[0]
        history = []
        for _ in range(epochs):
            history.append(float(np.mean((self.predict(X) - y) ** 2)))
            X_shuffled = X[rng.permutation(n)]
            for start in range(0, n, batch_size):
                Xb = X_shuffled[start:start + batch_size]
                yb = y[start:start + batch_size]
                err = Xb @ self.w + self.b - yb
                self.w = self.w - lr * 2 / len(yb) * (Xb.T @ err)
                self.b = self.b - lr * 2 / len(yb) * float(err.sum())
        return history


QUIZ_ANSWERS = {
    "updates_per_epoch": 16,
    "last_batch_mean": "d",
    "unbiased_gradient": "a",
    "noise_floor": "c",
    "batch_size_for_half_noise": 4,
    "reshuffle_each_epoch": "b",
    "local_generator": "a",
}
