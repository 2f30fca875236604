"""Linear regression trained with batch gradient descent — your implementation.

Read the statement first:   python grader.py show linear_regression
Grade this file:            python grader.py check linear_regression --file <this file>

Rules: NumPy only; the only Python loop allowed is the one over epochs; do not modify X or y.
"""

import numpy as np


class LinearRegression:
    def __init__(self, n_features):
        """Start from w = zeros of shape (n_features,) and b = 0.0."""
        # TODO: set self.w and self.b
        raise NotImplementedError("TODO: __init__")

    def predict(self, X):
        """X has shape (n_samples, n_features); return X @ w + b with shape (n_samples,)."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def compute_loss(self, y_hat, y):
        """Mean squared error mean((y_hat - y) ** 2), returned as a float."""
        # TODO
        raise NotImplementedError("TODO: compute_loss")

    def compute_gradients(self, X, y, y_hat):
        """Return (dw, db): dw = (2/n) X.T @ (y_hat - y), shape (n_features,); db a float."""
        # TODO
        raise NotImplementedError("TODO: compute_gradients")

    def fit(self, X, y, lr=0.01, epochs=1000):
        """Batch gradient descent from the current w and b.

        Each epoch: record the loss of the current parameters, then update w and b.
        Return the list of `epochs` losses.
        """
        # TODO
        raise NotImplementedError("TODO: fit")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz linear_regression` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "divide_by_n": None,
    "zero_init": None,
    "normal_equation": None,
    "cost_per_epoch": None,
    "learning_rate_too_large": None,
    "feature_scaling": None,
    "loss_before_update": None,
}
