"""Right values, but the sums of squares are accumulated with zip() in Python. The grader must
fail the vectorization check (pointing at the line) and the speed check."""
# expect-failing: no_loop_over_samples, speed_at_scale

import numpy as np


def r2_score(y_true, y_pred):
    mean = float(np.mean(y_true))
    ss_res = ss_tot = 0.0
    for t, p in zip(y_true, y_pred):
        ss_res += (t - p) ** 2
        ss_tot += (t - mean) ** 2
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
