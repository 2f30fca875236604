"""The cs231n habit: __init__ collects the parameters in a dict, self.params = {"W1": self.W1,
...}, and every method reads self.params. The grader sets net.W1 = ... (as the statement says),
which rebinds the attribute but leaves the dict holding the constructor's arrays, so predict,
the loss, the gradients and fit all work on the parameters the net was built with. Each of
those checks must say so (its outputs are what the constructor's parameters give), not blame
argmax, the loss formula or a re-initialization in fit; fits_xor, which trains from the net's
own initialization, passes."""
# expect-failing: predict_values, loss_value, gradient_values, gradients_match_finite_differences, one_step, trajectory
# never-says: not re-initialize them

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2 / d_in), size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2 / d_hidden), size=(d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)
        self.params = {"W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}

    def _scores(self, X):
        p = self.params
        z1 = X @ p["W1"] + p["b1"]
        hidden = np.maximum(z1, 0)
        return z1, hidden, hidden @ p["W2"] + p["b2"]

    def predict(self, X):
        return np.argmax(self._scores(X)[2], axis=1)

    def loss_and_grads(self, X, y):
        n = len(X)
        z1, hidden, scores = self._scores(X)
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -np.mean(log_probs[np.arange(n), y])
        dscores = np.exp(log_probs)
        dscores[np.arange(n), y] -= 1
        dscores /= n
        dz1 = (dscores @ self.params["W2"].T) * (z1 > 0)
        grads = {"W1": X.T @ dz1, "b1": dz1.sum(axis=0),
                 "W2": hidden.T @ dscores, "b2": dscores.sum(axis=0)}
        return float(loss), grads

    def fit(self, X, y, lr=0.1, epochs=100):
        history = []
        for _ in range(epochs):
            loss, grads = self.loss_and_grads(X, y)
            history.append(loss)
            for name in self.params:
                self.params[name] -= lr * grads[name]
        return history


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
