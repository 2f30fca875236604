"""mse returns the sum of squared errors instead of the mean. The grader must fail the mse value
check and say to divide by n."""
# expect-failing: mse_values

import numpy as np


def mse(y_hat, y):
    return float(np.sum((y_hat - y) ** 2))


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
