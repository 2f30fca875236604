"""Squares the residual in place in y_pred (y_pred -= y_true; y_pred **= 2) to save memory,
which changes the caller's y_pred. Each call works on its own copy, so every value is right and
only the robustness check fails, naming the line."""
# expect-failing: inputs_untouched

import numpy as np


def r2_score(y_true, y_pred):
    y_pred -= y_true
    y_pred **= 2
    ss_res = np.sum(y_pred)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.ptp(y_true) == 0:
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
