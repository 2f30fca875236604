"""Correct solution that prints arrays while it works, in every way a learner does: print() of
both inputs, an f-string holding the residual array, a logging call with a repr, and the first
residuals formatted by a generator inside print. Printing never changes a verdict, so every
check passes."""

import logging

import numpy as np

logger = logging.getLogger("metrics")


def r2_score(y_true, y_pred):
    print("y_true:", y_true)
    print("y_pred:", y_pred)
    residual = y_true - y_pred
    print(f"residuals: {residual}")
    logger.info("residuals %r", residual)
    logger.warning("scoring %d samples, mean target %s", len(y_true), np.mean(y_true))
    print(", ".join(f"{r:.2f}" for r in residual[:5]))
    ss_res = np.sum(residual ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    if np.ptp(y_true) == 0:
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
