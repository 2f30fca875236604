"""Correct solution written as weight decay: each epoch shrinks w by (1 - 2*lr*alpha) and then
takes the plain MSE step; einsum, `err @ X` and w.dot(w) instead of the reference's spelling.
An extra constructor parameter with a default is allowed. The grader must pass every check."""

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0, verbose=False):
        self.w = np.zeros(n_features)
        self.b = 0.0
        self.alpha = alpha
        self.verbose = verbose

    def predict(self, X):
        return np.einsum("nd,d->n", X, self.w) + self.b

    def compute_loss(self, y_hat, y):
        err = y_hat - y
        return float(err @ err / len(err) + self.alpha * self.w.dot(self.w))

    def compute_gradients(self, X, y, y_hat):
        err = y_hat - y
        dw = 2.0 * (err @ X) / len(err) + 2.0 * self.alpha * self.w
        return dw, float(2.0 * err.mean())

    def fit(self, X, y, lr=0.01, epochs=1000):
        losses = []
        decay = 1.0 - 2.0 * lr * self.alpha
        for epoch in range(epochs):
            y_hat = X @ self.w + self.b
            losses.append(self.compute_loss(y_hat, y))
            err = y_hat - y
            self.w = decay * self.w - lr * 2.0 * (err @ X) / len(err)   # weight decay
            self.b -= lr * 2.0 * err.mean()
            if self.verbose and epoch % 100 == 0:
                print(epoch, losses[-1])
        return losses


QUIZ_ANSWERS = {
    "sklearn_alpha": 50,
    "unpenalized_bias": "c",
    "large_alpha_limit": 4.0,
    "stable_learning_rate": 0.2,
    "weight_decay": "b",
    "first_step_from_zero": "a",
    "always_invertible": "d",
}
