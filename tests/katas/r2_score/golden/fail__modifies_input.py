"""Squares the residual in place in y_pred (y_pred -= y_true; y_pred **= 2) to save memory. On
read-only inputs this raises; the grader must flag the input modification."""
# expect-failing: argument_order, constant_target, diabetes_holdout, inputs_untouched, negative_when_worse_than_mean, no_loop_over_samples, not_squared_correlation, perfect_and_mean_predictions, returns_float, speed_at_scale, values_on_random_data

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
    "negative_meaning": "b",
    "r2_vs_correlation": "c",
    "constant_target_convention": "a",
    "adding_features": "d",
}
