"""Stops a run as soon as the loss passes 1000 times the first one ("clearly diverging, no
need to wait for 1e6") and appends nan to mark the divergence. Every converging run is right,
and a run that overflows still stops on the spec's test; but a diverging run now ends early,
with a nan that gradient descent never produced. A history that merely ends on a non-finite
value must not pass for a diverging one: the checks compare it with the reference's."""
# expect-failing: diverges_above_stable_lr, stopping_epoch

import numpy as np


def largest_stable_lr(X):
    n = X.shape[0]
    A = np.column_stack([X, np.ones(n)])
    return float(2.0 / np.linalg.eigvalsh(A.T @ A * (2.0 / n))[-1])


def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    history = []
    for epoch in range(max_epochs):
        err = X @ w + b - y
        loss = float(np.mean(err ** 2))
        history.append(loss)
        if not np.isfinite(loss) or loss > 1e6 * history[0]:
            return w, b, history, "diverged"
        if loss > 1e3 * history[0]:
            history.append(float("nan"))      # diverging: mark it and stop early
            return w, b, history, "diverged"
        if epoch > 0 and abs(history[-2] - loss) <= tol * history[-2]:
            return w, b, history, "converged"
        w = w - lr * (2.0 / n) * (X.T @ err)
        b = b - lr * (2.0 / n) * float(np.sum(err))
    return w, b, history, "max_epochs"


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
