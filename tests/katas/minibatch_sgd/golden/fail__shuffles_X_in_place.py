"""Shuffles X and y in place with the same permutation (X[:] = X[order]) to save memory.
That reorders the caller's data (the robustness check names the line), and since each epoch's
permutation is applied to the already shuffled arrays, the epochs' orders compose: the loss
history is not the specified one. Every call gets its own copy of the data, so nothing else
breaks."""
# expect-failing: inputs_untouched, trajectory_full_batches, trajectory_partial_last_batch

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
            order = rng.permutation(n)
            X[:] = X[order]                  # shuffle in place, no copy
            y[:] = y[order]
            for start in range(0, n, batch_size):
                Xb, yb = X[start:start + batch_size], y[start:start + batch_size]
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
