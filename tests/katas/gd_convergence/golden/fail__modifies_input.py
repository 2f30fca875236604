"""largest_stable_lr centres X in place (X -= X.mean(axis=0)) to 'improve conditioning'. That
changes the caller's X (the robustness check names the line) and the answer: the Hessian of the
centred data is not the Hessian of X. Every call gets its own copy of the data, so only these
checks fail."""
# expect-failing: inputs_untouched, stable_lr_scaled_features, stable_lr_values

import numpy as np


def largest_stable_lr(X):
    X -= X.mean(axis=0)
    A = np.column_stack([X, np.ones(len(X))])
    return float(2 / np.linalg.eigvalsh((2 / len(X)) * (A.T @ A))[-1])


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
