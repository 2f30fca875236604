"""Ridge regression (L2-penalized linear regression) trained with batch gradient descent — your
implementation.

Read the statement first:   python grader.py show ridge_regression
Grade this file:            python grader.py check ridge_regression --file <this file>

Rules: NumPy only; the only Python loop allowed is the one over epochs; do not modify X or y;
the bias b is not penalized.
"""

import numpy as np


class RidgeRegression:
    def __init__(self, n_features, alpha=1.0):
        """Start from w = zeros of shape (n_features,) and b = 0.0; keep alpha (the penalty
        strength) for the loss and the gradients."""
        # TODO: set self.w, self.b and self.alpha
        raise NotImplementedError("TODO: __init__")

    def predict(self, X):
        """X has shape (n_samples, n_features); return X @ w + b with shape (n_samples,)."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def compute_loss(self, y_hat, y):
        """np.mean((y_hat - y) ** 2) + alpha * np.sum(w ** 2) with the current w, as a float.
        The bias is not penalized."""
        # TODO
        raise NotImplementedError("TODO: compute_loss")

    def compute_gradients(self, X, y, y_hat):
        """Return (dw, db) of the ridge loss at the current w:
        dw = (2/n) X.T @ (y_hat - y) + 2 * alpha * w, shape (n_features,);
        db = (2/n) * np.sum(y_hat - y), a float."""
        # TODO
        raise NotImplementedError("TODO: compute_gradients")

    def fit(self, X, y, lr=0.01, epochs=1000):
        """Batch gradient descent from the current w and b.

        Each epoch: record the (penalized) loss of the current parameters, then update w and b.
        Return the list of `epochs` losses.
        """
        # TODO
        raise NotImplementedError("TODO: fit")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz ridge_regression` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "sklearn_alpha": None,
    "unpenalized_bias": None,
    "large_alpha_limit": None,
    "stable_learning_rate": None,
    "weight_decay": None,
    "first_step_from_zero": None,
    "always_invertible": None,
}
