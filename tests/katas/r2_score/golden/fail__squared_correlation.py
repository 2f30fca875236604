"""Returns the squared Pearson correlation. Right only for in-sample least squares: the grader
must fail biased, shrunk, worse-than-mean and held-out predictions and name the correlation."""
# expect-failing: argument_order, diabetes_holdout, negative_when_worse_than_mean, not_squared_correlation, perfect_and_mean_predictions, values_on_random_data

import numpy as np


def r2_score(y_true, y_pred):
    if np.all(y_true == y_true[0]):
        return 1.0 if np.all(y_pred == y_true) else 0.0
    return float(np.corrcoef(y_true, y_pred)[0, 1] ** 2)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
