"""Solves the normal equations A^T A theta = A^T y with np.linalg.solve: no explicit
inverse, but still singular on a duplicated column, an arbitrary solution when d + 1 > n, and
the squared condition number on ill-conditioned data."""
# expect-failing: ill_conditioned_accuracy, more_features_than_samples, output_shapes, rank_deficient_duplicate_column

import numpy as np

def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.solve(A.T @ A, A.T @ y)
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
