"""The gradient is a plain sum (no division by n): the gradient of the sum of squared errors.
The grader must fail the gradient value and finite-difference checks and say so."""
# expect-failing: gradient_matches_finite_differences, gradient_values

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    return 2 * (X.T @ e), 2 * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
