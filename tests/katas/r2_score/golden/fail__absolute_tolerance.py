"""Detects the constant target with an absolute tolerance, np.std(y_true) < 1e-12. That absorbs
the rounding residue of small targets such as 0.1, but the residue grows with the values: a
constant target of about 1e5 has a std of about 1e-11 and slips through. The grader must fail
the constant-target check only."""
# expect-failing: constant_target

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.std(y_true) < 1e-12:
        return 1.0 if ss_res == 0 else 0.0
    return float(1 - ss_res / ss_tot)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
