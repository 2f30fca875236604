"""mse forgets the mean and returns the array of squared errors. The grader must fail the mse
checks and say the average is missing; the gradients are right."""
# expect-failing: mse_values, output_shapes

import numpy as np


def mse(y_hat, y):
    return (y_hat - y) ** 2


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = X.shape[0]
    return (2 / n) * (X.T @ e), (2 / n) * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
