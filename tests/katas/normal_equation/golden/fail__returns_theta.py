"""Solves correctly but returns the single vector theta = [w; b] instead of the pair
(w, b). The grader must ask for the pair wherever the result is read."""
# expect-failing: full_rank_solution, ill_conditioned_accuracy, more_features_than_samples, output_shapes, rank_deficient_duplicate_column

import numpy as np

def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    return np.linalg.lstsq(A, y, rcond=None)[0]


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
