"""Scales y to unit size in place "for numerical stability" (y /= scale), solves, and scales
theta back. The least-squares solution is linear in y, so every answer is right, but the
caller's y is changed: only the robustness check fails, naming the line."""
# expect-failing: inputs_untouched

import numpy as np


def fit_normal_equation(X, y):
    scale = np.max(np.abs(y)) or 1.0
    y /= scale
    A = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(A, y, rcond=None)[0] * scale
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
