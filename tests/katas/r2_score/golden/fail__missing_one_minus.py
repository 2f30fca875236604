"""Returns SS_res / SS_tot, the fraction of variance NOT explained: the `1 -` is missing.
The grader must fail the value checks and name the missing `1 -`."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, not_squared_correlation, perfect_and_mean_predictions, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.ptp(y_true) == 0:
        return 1.0 if ss_res == 0 else 0.0
    return float(ss_res / ss_tot)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
