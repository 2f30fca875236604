"""Correct code, but two quiz answers are wrong: the constant prediction's R² taken as 0 and
"R² is always the squared correlation". The grader must fail exactly those two quiz checks."""
# expect-failing: constant_prediction_r2, r2_vs_correlation

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.ptp(y_true) == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": 0,        # a constant cannot be worse than nothing?
    "negative_meaning": "d",
    "r2_vs_correlation": "c",           # R squared = correlation squared, always
    "constant_target_convention": "c",
    "adding_features": "b",
}
