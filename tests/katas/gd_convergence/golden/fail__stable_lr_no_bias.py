"""largest_stable_lr forgets the bias column: eigenvalues of (2/n) X.T @ X. The grader must fail
both largest_stable_lr checks and name the missing column of ones."""
# expect-failing: stable_lr_scaled_features, stable_lr_values

import numpy as np


def largest_stable_lr(X):
    hessian = (2 / len(X)) * (X.T @ X)      # w only... b is a parameter too
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
