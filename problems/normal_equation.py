"""Least squares in closed form, solved stably — your implementation.

Read the statement first:   python grader.py show normal_equation
Grade this file:            python grader.py check normal_equation --file <this file>

Rules: NumPy only; no np.linalg.inv and no solving X^T X directly; no Python loops over samples
or features; do not modify X or y.
"""

import numpy as np


def fit_normal_equation(X, y):
    """Least squares with a bias term, minimum-norm when the solution is not unique.

    X has shape (n, d) and y shape (n,). Append a column of ones to X (A = [X 1]) and return
    (w, b), where theta = [w; b] is the minimum-norm minimizer of ||A theta - y||^2:
    w has shape (d,) and b is a float.
    """
    # TODO
    raise NotImplementedError("TODO: fit_normal_equation")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz normal_equation` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "when_closed_form": None,
    "gram_matrix_cost": None,
    "why_not_invert": None,
    "condition_squared": None,
    "d_greater_than_n": None,
    "duplicated_feature": None,
}
