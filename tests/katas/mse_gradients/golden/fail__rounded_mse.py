"""mse rounds its result to 4 decimals "for readability". The gradients are right. The grader
must fail the mse value check and say the value is rounded (not that it is float32)."""
# expect-failing: mse_values

import numpy as np


def mse(y_hat, y):
    return round(float(np.mean((y_hat - y) ** 2)), 4)


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = X.shape[0]
    return (2 / n) * (X.T @ e), (2 / n) * float(np.sum(e))


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
