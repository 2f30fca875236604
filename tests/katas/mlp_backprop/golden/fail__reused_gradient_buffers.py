"""Allocates the gradient arrays once, in __init__, and refills them in every call with
out= and [...] (to "save memory"): each call returns the same arrays, so gradients a caller
kept are overwritten by the next call. Every value is right when read at once; only the
freshness check may fail, naming the reused buffers."""
# expect-failing: gradients_are_fresh

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2 / d_hidden), size=(d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)
        self.grads = {name: np.zeros_like(getattr(self, name))
                      for name in ("W1", "b1", "W2", "b2")}

    def predict(self, X):
        return (np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2).argmax(axis=1)

    def loss_and_grads(self, X, y):
        n = len(y)
        z = X @ self.W1 + self.b1
        a = np.maximum(z, 0)
        s = a @ self.W2 + self.b2
        s -= s.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(n), y].sum() / n
        ds = np.exp(logp)
        ds[np.arange(n), y] -= 1
        ds /= n
        np.matmul(a.T, ds, out=self.grads["W2"])
        self.grads["b2"][...] = ds.sum(axis=0)
        dz = (ds @ self.W2.T) * (z > 0)
        np.matmul(X.T, dz, out=self.grads["W1"])
        self.grads["b1"][...] = dz.sum(axis=0)
        return float(loss), self.grads

    def fit(self, X, y, lr=0.1, epochs=100):
        history = []
        for _ in range(epochs):
            loss, g = self.loss_and_grads(X, y)
            history.append(loss)
            for name in ("W1", "b1", "W2", "b2"):
                setattr(self, name, getattr(self, name) - lr * g[name])
        return history


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
