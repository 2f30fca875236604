"""The coefficient of determination R² — your implementation.

Read the statement first:   python grader.py show r2_score
Grade this file:            python grader.py check r2_score --file <this file>

Rules: NumPy only; no Python loops over the samples; do not modify the inputs.
"""

import numpy as np


def r2_score(y_true, y_pred):
    """R² = 1 - SS_res / SS_tot of predictions y_pred for targets y_true, both of shape (n,).

    SS_res = np.sum((y_true - y_pred) ** 2), SS_tot = np.sum((y_true - np.mean(y_true)) ** 2).
    Negative when the model is worse than predicting mean(y_true); never clipped.
    Constant target (all y_true equal, max == min; in floating point SS_tot need not be
    exactly 0 then, so `SS_tot == 0` is not a safe test): return 1.0 if SS_res == 0, else 0.0.
    Return a Python float.
    """
    # TODO
    raise NotImplementedError("TODO: r2_score")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz r2_score` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "hand_r2": None,
    "constant_prediction_r2": None,
    "negative_meaning": None,
    "r2_vs_correlation": None,
    "constant_target_convention": None,
    "adding_features": None,
}
