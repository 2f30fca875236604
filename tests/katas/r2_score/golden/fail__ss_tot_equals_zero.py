"""Detects the constant target with a bare ss_tot == 0. In floating point the mean of a
constant target such as [0.1, 0.1, ...] is rounded, so SS_tot is about 1e-33, not 0, and
1 - SS_res / SS_tot is about -1e31 instead of 0.0. The grader must fail the constant-target
check only, and explain the rounding."""
# expect-failing: constant_target

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if ss_tot == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
