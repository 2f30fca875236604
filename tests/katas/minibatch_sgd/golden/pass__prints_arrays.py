"""Correct solution that prints arrays while it trains: the weights after every batch with
print(self.w), the epoch's order in an f-string, a logging call with the errors of each
epoch's first batch, and a row of weights formatted by a generator inside print. Printing and
logging never change a verdict, so every check passes."""

import logging

import numpy as np

log = logging.getLogger(__name__)


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
        for epoch in range(epochs):
            history.append(float(np.mean((self.predict(X) - y) ** 2)))
            order = rng.permutation(n)
            if n <= 100:
                print(f"epoch {epoch}: order {order}")
            for start in range(0, n, batch_size):
                idx = order[start:start + batch_size]
                err = X[idx] @ self.w + self.b - y[idx]
                if start == 0:
                    log.warning("first batch of epoch %d: errors %r", epoch, err)
                self.w = self.w - lr * (2 / len(idx)) * (X[idx].T @ err)
                self.b = self.b - lr * (2 / len(idx)) * float(np.sum(err))
                print(self.w)
            print("weights:", " ".join(f"{v:.3f}" for v in self.w), "bias:", round(self.b, 3))
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
