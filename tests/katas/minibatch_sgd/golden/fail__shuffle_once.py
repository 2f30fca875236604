"""Draws the permutation once, before the epoch loop, so every epoch visits the same batches in
the same order. The grader must name the repeated order in both trajectory checks."""
# expect-failing: trajectory_full_batches, trajectory_partial_last_batch

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
        order = rng.permutation(n)          # shuffle the data once
        history = []
        for _ in range(epochs):
            history.append(float(np.mean((self.predict(X) - y) ** 2)))
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                Xb, yb = X[idx], y[idx]
                err = Xb @ self.w + self.b - yb
                self.w = self.w - lr * 2 / len(idx) * (Xb.T @ err)
                self.b = self.b - lr * 2 / len(idx) * float(err.sum())
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
