"""Correct, but copies every input first and computes the residual with in-place operations on
its own fresh arrays. The grader must pass every check (in-place work on copies is fine)."""

import numpy as np


def mse(y_hat, y):
    diff = np.array(y_hat, dtype=float, copy=True)
    diff -= y
    diff **= 2
    return float(diff.mean())


def mse_gradients(X, y, w, b):
    X, y, w = np.array(X, dtype=float), np.array(y, dtype=float), np.array(w, dtype=float)
    e = X @ w
    e += b
    e -= y
    n = len(y)
    return np.dot(X.T, e) * (2.0 / n), float(np.sum(e) * 2.0 / n)


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
