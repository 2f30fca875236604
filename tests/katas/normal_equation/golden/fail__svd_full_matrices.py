"""A hand-written SVD solution that forgets full_matrices=False: U is (n, n). Right on small
data; on 20,000 samples it needs 3.2 GB and runs out of memory. The grader must point at
full_matrices."""
# expect-failing: speed_at_scale

import numpy as np

def fit_normal_equation(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    U, s, Vt = np.linalg.svd(A)
    k = int(np.sum(s > s[0] * 1e-12))
    theta = Vt[:k].T @ ((U[:, :k].T @ y) / s[:k])
    return theta[:-1], float(theta[-1])


QUIZ_ANSWERS = {
    "when_closed_form": "d",
    "gram_matrix_cost": 100_000_000,
    "why_not_invert": "a",
    "condition_squared": 1e12,
    "d_greater_than_n": "c",
    "duplicated_feature": 1.5,
}
