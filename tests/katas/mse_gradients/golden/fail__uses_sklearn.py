"""Computes mse with sklearn.metrics.mean_squared_error. The import is refused, so the file does
not load; the grader must fail `load` and `no_ml_library` and skip the rest."""
# expect-failing: load, no_ml_library

import numpy as np
from sklearn.metrics import mean_squared_error


def mse(y_hat, y):
    return float(mean_squared_error(y, y_hat))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    return 2 * X.T @ e / len(y), 2 * float(np.mean(e))


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
