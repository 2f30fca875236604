"""Correct solution that builds the Hessian from blocks (X.T @ X, column sums, n) without
copying X, keeps `previous` in a variable, sets `reason` and breaks out of a for loop, uses
math.isfinite, and returns history as a NumPy array. The grader must pass every check."""

import numpy as np


import math


def largest_stable_lr(X):
    n = X.shape[0]
    sums = X.sum(axis=0)
    hessian = (2 / n) * np.block([[X.T @ X, sums[:, None]], [sums[None, :], np.array([[n]])]])
    return float(2 / np.max(np.linalg.eigvalsh(hessian)))


def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    history = []
    previous = None
    reason = "max_epochs"
    for epoch in range(max_epochs):
        y_hat = X @ w + b
        loss = np.mean(np.square(y_hat - y))
        history.append(loss)
        if not math.isfinite(loss) or loss > 1e6 * history[0]:
            reason = "diverged"
            break
        if previous is not None and abs(previous - loss) <= tol * previous:
            reason = "converged"
            break
        previous = loss
        grad_w = (2 / n) * X.T @ (y_hat - y)
        grad_b = (2 / n) * np.sum(y_hat - y)
        w -= lr * grad_w
        b -= lr * grad_b
    return w, float(b), np.array(history, dtype=float), reason


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
