"""Right values, but each batch gradient is accumulated sample by sample in a Python loop.
The grader must fail the no-loop-over-samples check (and probably speed)."""
# expect-failing: no_loop_over_samples, speed_at_scale

import numpy as np


class MiniBatchSGD:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def fit(self, X, y, lr=0.01, epochs=10, batch_size=32, seed=0):
        rng = np.random.default_rng(seed)
        n, d = X.shape
        history = []
        for _ in range(epochs):
            history.append(float(np.mean((self.predict(X) - y) ** 2)))
            order = rng.permutation(n)
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                dw, db = np.zeros(d), 0.0
                for i in idx:
                    e = X[i] @ self.w + self.b - y[i]
                    dw += 2 * e * X[i] / len(idx)
                    db += 2 * e / len(idx)
                self.w = self.w - lr * dw
                self.b = self.b - lr * db
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
