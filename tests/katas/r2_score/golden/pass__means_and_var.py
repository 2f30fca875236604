"""Correct, written with means: 1 - MSE / np.var(y_true) (ddof=0 on both sides, so the 1/n
cancels) and np.var(...) == 0 for the constant target. The grader must pass every check."""

import numpy as np


def r2_score(y_true, y_pred):
    mse = np.mean(np.square(np.subtract(y_true, y_pred)))
    variance = np.var(y_true)
    if variance == 0:
        return 1.0 if mse == 0 else 0.0
    return float(1.0 - mse / variance)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "b",
    "r2_vs_correlation": "c",
    "constant_target_convention": "a",
    "adding_features": "d",
}
