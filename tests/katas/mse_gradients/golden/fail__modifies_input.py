"""mse subtracts in place (y_hat -= y) to save memory, which changes the caller's y_hat. Each
call works on its own copy, so the values are right and only the robustness check fails,
naming the line."""
# expect-failing: inputs_untouched

import numpy as np


def mse(y_hat, y):
    y_hat -= y
    return float(np.mean(y_hat ** 2))


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
