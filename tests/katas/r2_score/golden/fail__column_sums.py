"""Written "multi-output ready", scikit-learn style: the targets become columns and the sums run
along axis=0, so a 1-D input gives an array of shape (1,) instead of a float. The statement asks
for a plain float: the grader must fail every check that reads the score, and say axis=0 on a
column keeps one axis (the constant-target branch returns plain floats, so that check passes)."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, not_squared_correlation, perfect_and_mean_predictions, returns_float, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    Y = np.reshape(y_true, (len(y_true), -1))
    P = np.reshape(y_pred, (len(y_pred), -1))
    ss_res = ((Y - P) ** 2).sum(axis=0)
    ss_tot = ((Y - Y.mean(axis=0)) ** 2).sum(axis=0)
    if np.ptp(y_true) == 0:
        return 1.0 if np.all(ss_res == 0) else 0.0
    return 1 - ss_res / ss_tot


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
