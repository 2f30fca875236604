"""Detects constant columns with an absolute tolerance, std < 1e-12. That absorbs the rounding
residue of small constants such as 0.1, but the residue grows with the values: a constant column
of about 1e5 has a computed std of about 1e-11 and slips through. The grader must fail the
constant-column check only."""
# expect-failing: constant_column

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(std < 1e-12, 1.0, std)
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
