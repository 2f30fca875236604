"""transform rounds the z-scores to 4 decimals "to keep the output readable". The statistics
are right; every transformed value is off in the fifth decimal. The grader must fail the checks
that compare transformed values and say they are rounded (not float32, not an epsilon)."""
# expect-failing: constant_column, fit_transform_matches, single_row_transform, transform_values, uses_train_statistics

import numpy as np


class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        return self

    def transform(self, X):
        return np.round((X - self.mean_) / self.std_, 4)

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
