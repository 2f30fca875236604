"""Right values, but dw is built with a list comprehension over the feature columns. The grader
must fail the no-loop-over-features check."""
# expect-failing: no_loop_over_features

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    dw = np.array([2 * np.mean(e * X[:, j]) for j in range(X.shape[1])])
    return dw, 2 * float(np.mean(e))


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
