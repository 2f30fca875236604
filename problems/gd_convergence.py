"""Gradient descent that knows when to stop — your implementation.

Read the statement first:   python grader.py show gd_convergence
Grade this file:            python grader.py check gd_convergence --file <this file>

Rules: NumPy only; the only Python loop allowed is the one over epochs; do not modify X or y.
"""

import numpy as np


def largest_stable_lr(X):
    """2 / lambda_max, where lambda_max is the largest eigenvalue of the MSE Hessian
    H = (2/n) * A.T @ A with A = [X, 1] (X with a column of ones appended). Return a float."""
    # TODO
    raise NotImplementedError("TODO: largest_stable_lr")


def gradient_descent(X, y, lr, max_epochs=10000, tol=1e-10):
    """Batch gradient descent on the MSE of X @ w + b, from w = zeros(d), b = 0.0.

    Each epoch: record the loss of the current parameters in history, then
      - 'diverged'  if the loss is not finite or > 1e6 * history[0]
      - 'converged' if there is a previous loss and abs(previous - loss) <= tol * previous
      - otherwise take one full-batch step and go on.
    After max_epochs epochs (and steps) without stopping: 'max_epochs'.
    Return (w, b, history, reason): w shape (d,), b a float, history a list of floats.
    """
    # TODO
    raise NotImplementedError("TODO: gradient_descent")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz gd_convergence` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "why_two_over_lambda": None,
    "scaling_condition_number": None,
    "relative_tolerance": None,
    "stable_lr_tiny": None,
    "slowest_contraction": None,
    "divergence_growth": None,
}
