"""Delegates to sklearn.metrics.r2_score. The import is refused, so the file does not load;
the grader must fail `load` and `no_ml_library` and skip the rest."""
# expect-failing: load, no_ml_library

import numpy as np
from sklearn.metrics import r2_score as sklearn_r2


def r2_score(y_true, y_pred):
    return float(sklearn_r2(np.asarray(y_true), np.asarray(y_pred)))


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
