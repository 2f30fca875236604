"""Forgets the column of ones: least squares on X alone, b = 0. The grader must say the
bias column is missing."""
# expect-failing: full_rank_solution, ill_conditioned_accuracy, more_features_than_samples, rank_deficient_duplicate_column

import numpy as np

def fit_normal_equation(X, y):
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    return w, 0.0


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
