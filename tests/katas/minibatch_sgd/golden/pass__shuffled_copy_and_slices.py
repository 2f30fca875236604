"""Correct solution that shuffles an index array with rng.shuffle(np.arange(n)) (the same
numbers as rng.permutation(n)), copies the shuffled data once per epoch and slices it with a
while loop; gradients written as err @ Xb and err.mean(). The grader must pass every check."""

import numpy as np


class MiniBatchSGD:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def fit(self, X, y, lr=0.01, epochs=10, batch_size=32, seed=0):
        rng = np.random.default_rng(seed)
        n = len(y)
        losses = []
        for epoch in range(epochs):
            residual = self.predict(X) - y
            losses.append(float(residual @ residual / n))
            idx = np.arange(n)
            rng.shuffle(idx)                      # fresh index array each epoch
            Xs, ys = X[idx], y[idx]               # copies: the inputs stay untouched
            start = 0
            while start < n:
                Xb, yb = Xs[start:start + batch_size], ys[start:start + batch_size]
                err = Xb @ self.w + self.b - yb
                self.w = self.w - lr * 2.0 * (err @ Xb) / len(yb)
                self.b = self.b - lr * 2.0 * float(err.mean())
                start += batch_size
        return losses


QUIZ_ANSWERS = {
    "updates_per_epoch": 16,
    "last_batch_mean": "d",
    "unbiased_gradient": "a",
    "noise_floor": "c",
    "batch_size_for_half_noise": 4,
    "reshuffle_each_epoch": "b",
    "local_generator": "a",
}
