"""Correct solution that puts the ones column FIRST and unpacks theta accordingly, with
np.linalg.lstsq. The grader must pass every check."""


import numpy as np

def fit_normal_equation(X, y):
    A = np.c_[np.ones(len(y)), X]
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    b, w = theta[0], theta[1:]
    return w, b.item()


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
