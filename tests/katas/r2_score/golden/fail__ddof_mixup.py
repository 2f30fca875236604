"""pandas habit: 1 - MSE / y_true.var(ddof=1). The MSE uses 1/n and the variance 1/(n-1), so
every R² is slightly off. The grader must fail the value checks and name the ddof mix-up."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, not_squared_correlation, perfect_and_mean_predictions, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    mse = np.mean((y_true - y_pred) ** 2)
    variance = np.var(y_true, ddof=1)
    if np.ptp(y_true) == 0:
        return 1.0 if mse == 0 else 0.0
    return float(1 - mse / variance)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
