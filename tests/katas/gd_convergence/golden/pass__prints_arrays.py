"""Correct solution that prints arrays while it works: the Hessian and its eigenvalues in an
f-string, the parameters every epoch with print(w), a logging call with the residuals every
100 epochs, and a row formatted by a generator inside print when the run stops. Printing and
logging never change a verdict, so every check passes."""

import logging

import numpy as np

logger = logging.getLogger("gd")


def largest_stable_lr(X):
    A = np.column_stack([X, np.ones(X.shape[0])])
    H = 2.0 / X.shape[0] * A.T @ A
    eigenvalues = np.linalg.eigvalsh(H)
    print(f"H =\n{H}\neigenvalues: {eigenvalues}")
    return float(2.0 / eigenvalues[-1])


def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    history = []
    reason = "max_epochs"
    for epoch in range(max_epochs):
        err = X @ w + b - y
        history.append(float(np.mean(err ** 2)))
        if epoch % 100 == 0:
            logger.warning("epoch %d residuals %s", epoch, err)
        if not np.isfinite(history[-1]) or history[-1] > 1e6 * history[0]:
            reason = "diverged"
            break
        if epoch and abs(history[-2] - history[-1]) <= tol * history[-2]:
            reason = "converged"
            break
        w = w - lr * 2.0 / n * (X.T @ err)
        b = b - lr * 2.0 / n * float(err.sum())
        print(w)
    print(reason, "after", len(history), "epochs:", ", ".join(f"{v:.4g}" for v in w), b)
    return w, b, history, reason


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
