"""Correct solver, but the design matrix is built one row at a time in a list comprehension.
The grader must fail the no-loop-over-samples check (values are right)."""
# expect-failing: no_loop_over_samples

import numpy as np


def fit_normal_equation(X, y):
    one = np.ones(1)
    A = np.array([np.concatenate((row, one)) for row in X])
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
