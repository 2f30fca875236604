"""Correct solution that prints arrays while it works, in every way a learner does: print() of
the residual and of X, an f-string holding the gradient, a logging call with a repr, and a row
of dw formatted by a generator inside print. Printing never changes a verdict, so every check
passes."""

import logging

import numpy as np

log = logging.getLogger("gradients")


def mse(y_hat, y):
    diff = y_hat - y
    print("residuals:", diff)
    return float(np.mean(diff ** 2))


def mse_gradients(X, y, w, b):
    print("X =", X)
    e = X @ w + b - y
    print(e)
    n = X.shape[0]
    dw = (2 / n) * (X.T @ e)
    db = (2 / n) * float(np.sum(e))
    print(f"dw = {dw}, db = {db:.4f}")
    log.warning("gradient at w=%r: %s", w, dw)
    print(" ".join(f"{g:+.3e}" for g in dw))
    return dw, db


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
