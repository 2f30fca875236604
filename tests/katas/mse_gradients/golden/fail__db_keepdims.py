"""db is summed with keepdims=True ("to keep the shapes explicit"), so it comes back as an
array of shape (1,) instead of a float. The statement asks for a float: the grader must fail
every check that reads db, and say keepdims / return float(...)."""
# expect-failing: gradient_matches_finite_differences, gradient_values, output_shapes

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    n = X.shape[0]
    residual = X @ w + b - y
    dw = np.dot(X.T, residual) * 2 / n
    db = np.sum(residual, keepdims=True) * 2 / n
    return dw, db


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
