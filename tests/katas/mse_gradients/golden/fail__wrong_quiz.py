"""Correct code, but two quiz answers are wrong: dw without the 1/n (28 instead of 28/3) and the
forward-difference question. The grader must fail exactly those two quiz checks."""
# expect-failing: central_vs_forward, hand_gradient

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = X.shape[0]
    return (2 / n) * (X.T @ e), (2 / n) * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 28,            # 2 * (1 + 4 + 9)
    "fd_loss_evaluations": 202,
    "central_vs_forward": "b",      # fewer evaluations?
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
