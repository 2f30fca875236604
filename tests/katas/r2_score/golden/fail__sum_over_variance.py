"""Divides the sum of squared residuals by np.var(y_true), a mean: R² is off by a factor n in
the ratio. The grader must name the sum/mean mix-up."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, not_squared_correlation, perfect_and_mean_predictions, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    variance = np.var(y_true)
    if np.ptp(y_true) == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / variance)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
