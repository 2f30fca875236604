"""Correct solution that prints arrays while it works, in every way a learner does: print() of
the design matrix, an f-string holding theta, a logging call with a repr, and the singular
values formatted by a generator inside print. Printing never changes a verdict, so every check
passes."""

import logging

import numpy as np

log = logging.getLogger("least_squares")


def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    print("design matrix:", A)
    theta, _, rank, singular = np.linalg.lstsq(A, y, rcond=None)
    print(f"theta = {theta}, rank {rank}")
    log.warning("singular values %r of A %s", singular, A.shape)
    print("s:", " ".join(f"{s:.3g}" for s in singular))
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
