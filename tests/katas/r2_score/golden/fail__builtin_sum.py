"""Right values, but SS_res goes through the builtin sum(), which walks the n squared
differences one by one in Python. The grader must fail the vectorization check and name builtin
sum() (not a line that "runs more times": it runs once). At a million samples one such sum
takes about 0.1 s, inside the speed check's 0.25 s floor, so the speed check passes."""
# expect-failing: no_loop_over_samples

import numpy as np


def r2_score(y_true, y_pred):
    ss_res = sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if y_true.max() == y_true.min():
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
