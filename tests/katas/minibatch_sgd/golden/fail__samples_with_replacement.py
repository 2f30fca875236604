"""Draws each mini-batch with replacement, idx = rng.integers(0, n, size=m), the textbook
picture of "a random sample of the data". An epoch then uses some samples twice and others not
at all, so it is not the specified pass over a permutation: every check that sees the
difference must name sampling with replacement, not blame the pairing of X and y."""
# expect-failing: continues_from_current_parameters, full_batch_is_gd_step, full_batch_reaches_least_squares, trajectory_full_batches, trajectory_partial_last_batch

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
            for start in range(0, n, batch_size):
                m = min(batch_size, n - start)
                idx = rng.integers(0, n, size=m)
                err = X[idx] @ self.w + self.b - y[idx]
                self.w = self.w - lr * (2 / m) * (X[idx].T @ err)
                self.b = self.b - lr * (2 / m) * float(np.sum(err))
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
