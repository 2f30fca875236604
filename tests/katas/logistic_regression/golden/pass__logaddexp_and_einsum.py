"""Another correct style: the sigmoid as exp(-log(1 + exp(-z))) through np.logaddexp (no
overflow at all), the cross-entropy written with np.log1p on the clipped p, the gradient with
np.einsum, a while loop over epochs and a NumPy array as the returned history. Every check
passes."""

import numpy as np

EPS = 1e-15


class LogisticRegression:
    def __init__(self, n_features):
        self.w = np.zeros((n_features,), dtype=np.float64)
        self.b = float(0)

    def _logits(self, X):
        return np.einsum("nd,d->n", X, self.w) + self.b

    def predict_proba(self, X):
        return np.exp(-np.logaddexp(0.0, -self._logits(X)))

    def predict(self, X):
        p = self.predict_proba(X)
        return (p >= 0.5).astype(np.int64)

    def compute_loss(self, p, y):
        p = np.clip(p, EPS, 1.0 - EPS)
        y = np.asarray(y, dtype=float)
        return float(-(y @ np.log(p) + (1.0 - y) @ np.log1p(-p)) / y.size)

    def compute_gradients(self, X, y, p):
        residual = p - y
        return np.einsum("nd,n->d", X, residual) / X.shape[0], float(residual.mean())

    def fit(self, X, y, lr=0.1, epochs=1000):
        history = np.empty(epochs)
        epoch = 0
        while epoch < epochs:
            p = self.predict_proba(X)
            history[epoch] = self.compute_loss(p, y)
            dw, db = self.compute_gradients(X, y, p)
            self.w, self.b = self.w - lr * dw, self.b - lr * db
            epoch += 1
        return history


QUIZ_ANSWERS = {
    "first_loss": 0.693,
    "first_db": -0.25,
    "round_half": "c",
    "why_cross_entropy": "b",
    "separable_data": "d",
    "clipped_term": 34.5,
    "sigmoid_derivative": "a",
}
