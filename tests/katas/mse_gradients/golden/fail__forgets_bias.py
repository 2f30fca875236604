"""The residual forgets b (e = X @ w - y), so the gradients are those of a model without bias.
The grader must fail the gradient checks and say b is missing from the residual."""
# expect-failing: gradient_matches_finite_differences, gradient_values

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w - y            # b forgotten
    n = len(y)
    return (2 / n) * (X.T @ e), (2 / n) * float(e.sum())


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
