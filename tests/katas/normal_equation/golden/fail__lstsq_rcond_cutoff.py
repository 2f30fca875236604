"""np.linalg.lstsq with rcond=1e-6 "to be safe": singular values below 1e-6 times the largest
are treated as zero. Harmless on ordinary and exactly rank-deficient data, but the
ill-conditioned problem (cond([X 1]) ~ 3e7) has a real direction below that cut-off, so it is
discarded. The grader must fail the accuracy check and blame the cut-off (naming the line), not
the normal equations, which this code never forms."""
# expect-failing: ill_conditioned_accuracy

import numpy as np


def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(X.shape[0])])
    theta = np.linalg.lstsq(A, y, rcond=1e-6)[0]
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
