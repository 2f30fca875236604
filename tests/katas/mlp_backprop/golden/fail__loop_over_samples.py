"""Right values, but the loss is accumulated sample by sample in a Python loop (the
cross-entropy of each row, then averaged). Only the samples vectorization check may fail,
naming the loop line; the loop is cheap enough that the speed check still passes."""
# expect-failing: no_loop_over_samples

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2 / d_hidden), size=(d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)

    def predict(self, X):
        return np.argmax(np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2, axis=1)

    def loss_and_grads(self, X, y):
        n = X.shape[0]
        z1 = X @ self.W1 + self.b1
        h = np.maximum(z1, 0)
        scores = h @ self.W2 + self.b2
        shifted = scores - scores.max(axis=1, keepdims=True)
        probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
        total = 0.0
        for i in range(n):
            total -= np.log(probs[i, y[i]])
        loss = total / n
        d = probs.copy()
        d[np.arange(n), y] -= 1
        d /= n
        dz1 = (d @ self.W2.T) * (z1 > 0)
        return float(loss), {"W1": X.T @ dz1, "b1": dz1.sum(0), "W2": h.T @ d, "b2": d.sum(0)}

    def fit(self, X, y, lr=0.1, epochs=100):
        history = []
        for _ in range(epochs):
            loss, g = self.loss_and_grads(X, y)
            history.append(loss)
            self.W1 = self.W1 - lr * g["W1"]
            self.b1 = self.b1 - lr * g["b1"]
            self.W2 = self.W2 - lr * g["W2"]
            self.b2 = self.b2 - lr * g["b2"]
        return history


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
