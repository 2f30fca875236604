"""Reference solution: linear regression trained with mini-batch stochastic gradient descent
(MSE loss, one shuffle per epoch from a seeded generator)."""

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
            for start in range(0, n, batch_size):
                batch = order[start:start + batch_size]
                Xb, yb = X[batch], y[batch]
                error = Xb @ self.w + self.b - yb
                m = len(batch)
                self.w = self.w - lr * (2 / m) * (Xb.T @ error)
                self.b = self.b - lr * (2 / m) * float(np.sum(error))
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
