"""Right numbers, wrong cost: for every batch it builds the whole shuffled data set again
(X[order], y[order]) and then slices the batch out of it, so each batch costs O(n d) instead of
O(m d) and an epoch O(n^2 d / batch_size). At batch_size = 32 on 50,000 samples that is
hundreds of times the reference's time: only the speed check can see it, and must."""
# expect-failing: speed_at_scale

import numpy as np


class MiniBatchSGD:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def fit(self, X, y, lr=0.01, epochs=10, batch_size=32, seed=0):
        rng = np.random.default_rng(seed)
        n = len(X)
        history = []
        for _ in range(epochs):
            history.append(float(np.mean((self.predict(X) - y) ** 2)))
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                X_shuffled, y_shuffled = X[order], y[order]
                Xb = X_shuffled[start:start + batch_size]
                yb = y_shuffled[start:start + batch_size]
                m = len(yb)
                err = Xb @ self.w + self.b - yb
                self.w = self.w - lr * (2 / m) * Xb.T @ err
                self.b = self.b - lr * (2 / m) * err.sum()
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
