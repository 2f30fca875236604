"""Right values, but db sums the residual with the builtin sum(), which walks the n elements of
e one by one in Python. The grader must fail the no-loop-over-samples check and name builtin
sum() rather than a line that "runs more times" (the line runs once)."""
# expect-failing: no_loop_over_samples

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    e = X @ w + b - y
    n = len(e)
    dw = 2 / n * (X.T @ e)
    db = 2 / n * sum(e)
    return dw, float(db)


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
