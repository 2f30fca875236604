"""Both bias gradients are summed over the wrong axis (axis=1, over the units, instead of
axis=0, over the samples): they have one entry per sample. The shape checks must name the wrong
axis; fit then fails to broadcast the update, which the advice explains. The measured checks
(vectorization, inputs, speed) hit the same error and are skipped behind it."""
# expect-failing: fits_xor, gradient_values, gradients_are_fresh, gradients_match_finite_differences, large_logits_stay_finite, one_step, output_shapes, trajectory

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, np.sqrt(2 / d_in), (d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0, np.sqrt(2 / d_hidden), (d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)

    def predict(self, X):
        hidden = np.maximum(X @ self.W1 + self.b1, 0)
        return np.argmax(hidden @ self.W2 + self.b2, axis=1)

    def loss_and_grads(self, X, y):
        n = X.shape[0]
        z1 = X @ self.W1 + self.b1
        h = np.maximum(z1, 0)
        scores = h @ self.W2 + self.b2
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs = exp / exp.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(probs[np.arange(n), y]))
        dscores = probs.copy()
        dscores[np.arange(n), y] -= 1
        dscores /= n
        dh = dscores @ self.W2.T
        dz1 = dh * (z1 > 0)
        grads = {"W1": X.T @ dz1, "b1": dz1.sum(axis=1),
                 "W2": h.T @ dscores, "b2": dscores.sum(axis=1)}
        return float(loss), grads

    def fit(self, X, y, lr=0.1, epochs=100):
        history = []
        for _ in range(epochs):
            loss, grads = self.loss_and_grads(X, y)
            history.append(loss)
            self.W1 = self.W1 - lr * grads["W1"]
            self.b1 = self.b1 - lr * grads["b1"]
            self.W2 = self.W2 - lr * grads["W2"]
            self.b2 = self.b2 - lr * grads["b2"]
        return history


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
