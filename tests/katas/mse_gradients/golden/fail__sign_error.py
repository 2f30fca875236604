"""Residual written y - y_hat, so both gradients have the wrong sign (gradient ascent direction).
The grader must fail the gradient checks and name the sign error."""
# expect-failing: gradient_matches_finite_differences, gradient_values

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = y - (X @ w + b)
    n = len(y)
    return (2 / n) * (X.T @ e), (2 / n) * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
