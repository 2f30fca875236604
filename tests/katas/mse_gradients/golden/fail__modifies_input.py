"""mse subtracts in place (y_hat -= y) to save memory. On the grader's read-only inputs this
raises, and with writeable inputs it changes the caller's y_hat. The grader must report the
mse checks as errors and flag the input modification."""
# expect-failing: inputs_untouched, mse_values, no_loop_over_features, no_loop_over_samples, output_shapes, speed_at_scale

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
    "central_vs_forward": "c",
    "eps_too_small": "b",
    "zero_gradient_meaning": "d",
}
