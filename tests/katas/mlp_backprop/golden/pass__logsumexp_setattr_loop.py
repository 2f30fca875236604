"""Another correct style: the loss from log-sum-exp, the ReLU gate as np.where on the
upstream gradient, bias gradients as ones @ upstream, an einsum for dW1, and the update as a
loop over the four parameter names with getattr/setattr (a fixed loop of 4, allowed).
Every check passes."""

import numpy as np

PARAMS = ("W1", "b1", "W2", "b2")


class TwoLayerNet:
    def __init__(self, d_in, d_hidden, n_classes, seed=0):
        gen = np.random.default_rng(seed)
        self.W1 = gen.normal(scale=(2.0 / d_in) ** 0.5, size=(d_in, d_hidden))
        self.b1 = np.zeros(d_hidden)
        self.W2 = gen.normal(scale=(2.0 / d_hidden) ** 0.5, size=(d_hidden, n_classes))
        self.b2 = np.zeros(n_classes)

    def predict(self, X):
        return np.argmax(np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2, axis=1)

    def loss_and_grads(self, X, y):
        N = X.shape[0]
        idx = np.arange(N)
        pre = X @ self.W1 + self.b1
        act = np.maximum(pre, 0)
        logits = act @ self.W2 + self.b2
        top = logits.max(axis=1)
        lse = top + np.log(np.exp(logits - top[:, None]).sum(axis=1))
        loss = np.mean(lse - logits[idx, y])
        dlogits = np.exp(logits - lse[:, None])
        dlogits[idx, y] -= 1.0
        dlogits = dlogits / N
        dact = dlogits @ self.W2.T
        dpre = np.where(pre > 0, dact, 0.0)
        ones = np.ones(N)
        return loss.item(), {
            "W1": np.einsum("ni,nh->ih", X, dpre),
            "b1": ones @ dpre,
            "W2": act.T @ dlogits,
            "b2": ones @ dlogits,
        }

    def fit(self, X, y, lr=0.1, epochs=100):
        out = []
        for _ in range(epochs):
            loss, grads = self.loss_and_grads(X, y)
            out.append(loss)
            for name in PARAMS:
                setattr(self, name, getattr(self, name) - lr * grads[name])
        return out


QUIZ_ANSWERS = {
    "softmax_gradient": "c",
    "initial_loss": 2.3026,
    "zero_init_learns": "b",
    "parameter_count": 101770,
    "relu_mask": "d",
    "max_subtraction": "a",
}
