"""Correct, with sums of squares as dot products and the constant target detected with np.ptp;
returns a NumPy float64, which is a float. The grader must pass every check."""

import numpy as np


def r2_score(y_true, y_pred):
    residual = y_true - y_pred
    centred = y_true - y_true.mean()
    ss_res, ss_tot = residual @ residual, centred @ centred
    if np.ptp(y_true) == 0:
        return 1.0 if ss_res == 0 else 0.0
    return 1 - ss_res / ss_tot


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
