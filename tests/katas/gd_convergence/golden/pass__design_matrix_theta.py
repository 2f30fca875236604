"""Correct solution working on the design matrix A = [X, 1] and one parameter vector theta;
lambda_max comes from the largest singular value (s_max**2 * 2/n) and the epochs run in a
while loop. The grader must pass every check."""

import numpy as np


def largest_stable_lr(X):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    s_max = np.linalg.svd(A, compute_uv=False)[0]
    return 2.0 / (2.0 / X.shape[0] * s_max ** 2)


def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    n = X.shape[0]
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(A.shape[1])
    history = []
    epoch = 0
    while epoch < max_epochs:
        residual = A @ theta - y
        history.append(float(residual @ residual / n))
        if not np.isfinite(history[-1]) or history[-1] > 1e6 * history[0]:
            return theta[:-1], float(theta[-1]), history, "diverged"
        if epoch > 0 and abs(history[-2] - history[-1]) <= tol * history[-2]:
            return theta[:-1], float(theta[-1]), history, "converged"
        theta = theta - lr * 2.0 / n * (A.T @ residual)
        epoch += 1
    return theta[:-1], float(theta[-1]), history, "max_epochs"


QUIZ_ANSWERS = {
    "why_two_over_lambda": "d",
    "scaling_condition_number": "a",
    "relative_tolerance": "c",
    "stable_lr_tiny": 0.1716,
    "slowest_contraction": 0.981,
    "divergence_growth": 1.44,
}
