"""The 1/(2n) convention: the gradient is (1/n) X.T @ e, half the right value. The grader must
fail the gradient checks and name the missing factor 2."""
# expect-failing: gradient_matches_finite_differences, gradient_values

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = len(y)
    return X.T @ e / n, float(e.sum() / n)


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
