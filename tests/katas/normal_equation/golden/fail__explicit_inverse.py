"""The textbook formula theta = inv(A^T A) A^T y. It raises LinAlgError on a duplicated
column, returns garbage when d + 1 > n, loses most digits on ill-conditioned data, and the
grader must also name the line that calls np.linalg.inv."""
# expect-failing: ill_conditioned_accuracy, more_features_than_samples, no_explicit_inverse, output_shapes, rank_deficient_duplicate_column

import numpy as np

def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.inv(A.T @ A) @ A.T @ y
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
