"""Tests the new loss against the last recorded one BEFORE appending it, so the loss that
triggered the stop is missing from history. The grader must fail the checks that look at
the last entry and the stopping epoch."""
# expect-failing: diverges_above_stable_lr, nan_is_divergence, stopping_epoch

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
        if history and (not np.isfinite(loss) or loss > 1e6 * history[0]):
            return w, b, history, "diverged"
        if history and abs(history[-1] - loss) <= tol * history[-1]:
            return w, b, history, "converged"
        history.append(loss)
        w = w - lr * (2 / n) * (X.T @ err)
        b = b - lr * (2 / n) * float(np.sum(err))
    return w, b, history, "max_epochs"


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
