"""Correct statistics, but transform standardizes one row at a time in a list comprehension.
The grader must fail the no-loop-over-rows check (values are right)."""
# expect-failing: no_loop_over_rows

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        return self

    def transform(self, X):
        return np.array([(row - self.mean_) / self.std_ for row in X])

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
