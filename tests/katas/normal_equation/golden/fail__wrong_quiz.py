"""Correct code, but two quiz answers are wrong (gram_matrix_cost counts one GD epoch, and
condition_squared keeps cond(A)). The grader must fail exactly those two quiz checks."""
# expect-failing: condition_squared, gram_matrix_cost

import numpy as np


def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 1_000_000,   # n * d
    "why_not_invert": "a",
    "condition_squared": 1e6,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
