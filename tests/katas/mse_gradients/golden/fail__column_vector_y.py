"""Reshapes y to a column (n, 1) "like in the lecture notes": X @ w + b - y silently broadcasts
to (n, n), dw comes out (d, n) and the big problem runs out of memory. The grader must name
the column-vector mistake in the shape and value checks and the (n, n) memory blow-up."""
# expect-failing: gradient_matches_finite_differences, gradient_values, output_shapes, speed_at_scale

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    y = y.reshape(-1, 1)                 # column vector
    e = X @ w + b - y                    # (n,) - (n, 1) -> (n, n)
    n = X.shape[0]
    return (2 / n) * (X.T @ e), (2 / n) * float(np.sum(e))


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
