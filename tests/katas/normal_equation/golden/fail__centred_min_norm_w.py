"""Centres X and y, solves for the minimum-norm w, then sets b = mean(y) - mean(X) @ w.
Right whenever the solution is unique (and even with a duplicated column), but when d + 1 > n
it minimizes ||w|| instead of ||[w; b]||. The grader must fail only that check and say so."""
# expect-failing: more_features_than_samples

import numpy as np

def fit_normal_equation(X, y):
    x_mean, y_mean = X.mean(axis=0), y.mean()
    w = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
    return w, float(y_mean - x_mean @ w)


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
