"""Right values, but dw and db are accumulated by a Python loop over the samples. The grader must
fail the no-loop-over-samples check, pointing at the loop's line. At 50,000 x 100 the loop is
slow but stays within the speed check's 40x margin (time is measured from outside the worker),
so the vectorization check is the one that names it."""
# expect-failing: no_loop_over_samples

import numpy as np


def mse(y_hat, y):
    return float(np.mean((y_hat - y) ** 2))


def mse_gradients(X, y, w, b):
    n, d = X.shape
    dw, db = np.zeros(d), 0.0
    for i in range(n):                   # one sample at a time
        e = X[i] @ w + b - y[i]
        dw += 2 * e * X[i] / n
        db += 2 * e / n
    return dw, float(db)


QUIZ_ANSWERS = {
    "hand_gradient": 9.333,
    "fd_loss_evaluations": 202,
    "central_vs_forward": "a",
    "eps_too_small": "d",
    "zero_gradient_meaning": "b",
}
