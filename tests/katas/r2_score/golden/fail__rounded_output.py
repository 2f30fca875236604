"""Rounds R² to 4 decimals before returning it, "as in a report". Perfect, mean and constant
predictions still come out exact (1.0 and 0.0), and so do the biased and shrunk predictions of
not_squared_correlation (R² = -1.25 and 0.75 by construction); every other value is off in the
fifth decimal. The grader must fail those value checks and say the result is rounded (not that
it is float32)."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.ptp(y_true) == 0:
        return 1.0 if ss_res == 0 else 0.0
    return round(float(1 - ss_res / ss_tot), 4)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
