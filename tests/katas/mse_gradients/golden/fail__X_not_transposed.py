"""Uses X @ e instead of X.T @ e: with n != d the shapes do not align and NumPy raises. The
grader must turn that error into a diagnosis (fail) in the shape and value checks; the checks
that merely run the function (vectorization, inputs, speed) are skipped, naming the check that
shows the error."""
# expect-failing: gradient_matches_finite_differences, gradient_values, output_shapes

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = len(y)
    return (2 / n) * (X @ e), (2 / n) * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
