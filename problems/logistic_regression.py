"""Logistic regression trained with batch gradient descent — your implementation.

Read the statement first:   python grader.py show logistic_regression
Grade this file:            python grader.py check logistic_regression --file <this file>

Rules: NumPy only; the only Python loop allowed is the one over epochs; do not modify X or y.
"""

import numpy as np


class LogisticRegression:
    def __init__(self, n_features):
        """Start from w = zeros of shape (n_features,) and b = 0.0."""
        # TODO: set self.w and self.b
        raise NotImplementedError("TODO: __init__")

    def predict_proba(self, X):
        """X has shape (n, n_features); return sigmoid(X @ w + b), shape (n,).

        Must stay right (no nan) for logits as large as +-1000."""
        # TODO
        raise NotImplementedError("TODO: predict_proba")

    def predict(self, X):
        """Return integer labels of shape (n,): 1 where predict_proba(X) >= 0.5, else 0."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def compute_loss(self, p, y):
        """Mean binary cross-entropy of probabilities p (n,) against 0/1 labels y (n,), as a
        float, with p clipped to [1e-15, 1 - 1e-15] before the logs."""
        # TODO
        raise NotImplementedError("TODO: compute_loss")

    def compute_gradients(self, X, y, p):
        """Return (dw, db): dw = X.T @ (p - y) / n, shape (n_features,); db = mean(p - y), a
        float."""
        # TODO
        raise NotImplementedError("TODO: compute_gradients")

    def fit(self, X, y, lr=0.1, epochs=1000):
        """Batch gradient descent from the current w and b.

        Each epoch: p = predict_proba(X), record the loss of the current parameters, then
        update w and b. Return the list of `epochs` losses.
        """
        # TODO
        raise NotImplementedError("TODO: fit")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz logistic_regression` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "first_loss": None,
    "first_db": None,
    "round_half": None,
    "why_cross_entropy": None,
    "separable_data": None,
    "clipped_term": None,
    "sigmoid_derivative": None,
}
