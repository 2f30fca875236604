"""The textbook formula with the pseudo-inverse instead of the inverse: theta = pinv(A^T A) A^T y.
pinv makes it minimum-norm on the singular cases, but it is the pseudo-inverse of the normal
matrix, whose condition number is cond(A)^2, so the ill-conditioned problem loses about twice
as many digits. The grader must fail the accuracy check and say pinv of A^T A (not inv or
solve, which this code does not call)."""
# expect-failing: ill_conditioned_accuracy

import numpy as np


def fit_normal_equation(X, y):
    A = np.hstack([X, np.ones((len(y), 1))])
    gram = A.T @ A
    theta = np.linalg.pinv(gram) @ A.T @ y
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
