"""Correct, scikit-learn style: numerator and denominator, masks, np.where with the division
silenced; but unlike scikit-learn (which tests denominator != 0 and so misses a constant target
of 0.1s, whose denominator is a rounding residue), the constant target is detected as "every
value equals the first". The grader must pass every check."""

import numpy as np


def r2_score(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=np.float64)
    y_pred = np.asarray(y_pred, dtype=np.float64)
    numerator = ((y_true - y_pred) ** 2).sum(axis=0)
    denominator = ((y_true - np.average(y_true, axis=0)) ** 2).sum(axis=0)
    varying = np.any(y_true != y_true[0], axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(varying, 1 - numerator / denominator,
                         np.where(numerator != 0, 0.0, 1.0))
    return float(score)


QUIZ_ANSWERS = {
    "hand_r2": 0.925,
    "constant_prediction_r2": -5,
    "negative_meaning": "d",
    "r2_vs_correlation": "a",
    "constant_target_convention": "c",
    "adding_features": "b",
}
