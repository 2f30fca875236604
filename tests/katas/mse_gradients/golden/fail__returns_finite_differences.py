"""Returns the stub's finite-difference helper as the gradient: right to about 1e-10 only, a
Python loop over the parameters and 2(d + 1) loss evaluations. The grader must fail the exact
value check, the no-loop-over-features check and the speed check."""
# expect-failing: gradient_values, no_loop_over_features, speed_at_scale

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    return finite_difference_gradients(X, y, w, b)


def finite_difference_gradients(X, y, w, b, eps=1e-6):
    def loss(w_, b_):
        return float(np.mean((X @ w_ + b_ - y) ** 2))

    w = np.asarray(w, dtype=float)
    dw = np.zeros_like(w)
    for j in range(w.size):
        step = np.zeros_like(w)
        step[j] = eps
        dw[j] = (loss(w + step, b) - loss(w - step, b)) / (2 * eps)
    db = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    return dw, db


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
