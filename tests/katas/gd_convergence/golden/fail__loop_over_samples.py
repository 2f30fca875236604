"""Correct values, but the gradient is accumulated with a Python loop over samples. The grader
must fail the no-loop-over-samples check and the speed check."""
# expect-failing: no_loop_over_samples, speed_at_scale

import numpy as np


def largest_stable_lr(X):
    A = np.column_stack([X, np.ones(len(X))])
    hessian = (2 / len(X)) * (A.T @ A)
    return float(2 / np.linalg.eigvalsh(hessian)[-1])



def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    history = []
    for _ in range(max_epochs):
        err = X @ w + b - y
        loss = float(np.mean(err ** 2))
        history.append(loss)
        if not np.isfinite(loss) or loss > 1e6 * history[0]:
            return w, b, history, "diverged"
        if len(history) > 1 and abs(history[-2] - loss) <= tol * history[-2]:
            return w, b, history, "converged"
        dw, db = np.zeros(d), 0.0
        for i in range(n):                   # one sample at a time
            dw += (2 / n) * err[i] * X[i]
            db += (2 / n) * err[i]
        w = w - lr * dw
        b = b - lr * db
    return w, b, history, "max_epochs"


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
