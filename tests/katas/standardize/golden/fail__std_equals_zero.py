"""Detects constant columns with a bare std == 0. In floating point the mean of a constant
column such as [0.1, 0.1, ...] is rounded, so its computed std is about 1e-17, not 0: std_ keeps
that residue and the column transforms to -1 or 1 instead of 0. The grader must fail the
constant-column check only, and explain the rounding."""
# expect-failing: constant_column

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(std == 0, 1.0, std)
        return self

    def transform(self, X):
        return (X - self.mean_) / self.std_

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
