"""Correct, with the bias folded into the weights: a column of ones is appended to X and one
gradient of size d + 1 is split into (dw, db). Copies X once, which is fine; the grader must pass
every check."""

import numpy as np


def mse(y_hat, y):
    return float(((y_hat - y) ** 2).sum() / len(y))


def mse_gradients(X, y, w, b):
    design = np.column_stack([X, np.ones(len(X))])     # (n, d + 1)
    theta = np.append(w, b)
    gradient = 2 * design.T @ (design @ theta - y) / len(y)
    return gradient[:-1], float(gradient[-1])


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
