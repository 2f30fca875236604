"""Slices the bias with theta[-1:], so b comes back as an array of shape (1,) instead of a
float. The solution itself is right, but the statement asks for b as a float: the grader must
fail every check that reads (w, b) and say to return float(theta[-1])."""
# expect-failing: full_rank_solution, ill_conditioned_accuracy, more_features_than_samples, output_shapes, rank_deficient_duplicate_column

import numpy as np


def fit_normal_equation(X, y):
    A = np.concatenate([X, np.ones((X.shape[0], 1))], axis=1)
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    return theta[:-1], theta[-1:]


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
