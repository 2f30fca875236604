"""Correct, and chatty: prints the parameters when they are created, the hidden activations
and every gradient array in each call, and the loss and W2 every epoch. Printing never
changes a verdict, so every check passes."""

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2 / d_hidden), size=(d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)
        print("W1 =", self.W1)
        print("W2 =", self.W2)

    def predict(self, X):
        h = np.maximum(0, X @ self.W1 + self.b1)
        scores = h @ self.W2 + self.b2
        print("scores:", scores)
        return np.argmax(scores, axis=1)

    def loss_and_grads(self, X, y):
        n = len(X)
        z1 = X @ self.W1 + self.b1
        h = np.maximum(0, z1)
        print(f"hidden activations {h.shape}:\n{h}")
        s = h @ self.W2 + self.b2
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(n), y]).mean()
        d = p.copy()
        d[np.arange(n), y] -= 1
        d /= n
        dh = d @ self.W2.T
        dz = dh * (z1 > 0)
        grads = {"W1": X.T @ dz, "b1": dz.sum(0), "W2": h.T @ d, "b2": d.sum(0)}
        for name, g in grads.items():
            print(name, g)
        return float(loss), grads

    def fit(self, X, y, lr=0.1, epochs=100):
        history = []
        for epoch in range(epochs):
            loss, grads = self.loss_and_grads(X, y)
            history.append(loss)
            self.W1 = self.W1 - lr * grads["W1"]
            self.b1 = self.b1 - lr * grads["b1"]
            self.W2 = self.W2 - lr * grads["W2"]
            self.b2 = self.b2 - lr * grads["b2"]
            print(f"epoch {epoch}: loss {loss:.5f}, W2 = {self.W2}")
        return history


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
