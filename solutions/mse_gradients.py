"""Reference solution: the mean squared error and its gradients."""

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    error = X @ w + b - y
    n = X.shape[0]
    dw = (2 / n) * (X.T @ error)
    db = (2 / n) * float(np.sum(error))
    return dw, db


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
