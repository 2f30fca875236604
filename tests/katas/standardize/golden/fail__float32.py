"""Converts the data to float32 "to halve the memory", so the statistics and the z-scores agree
with float64 to only about 7 digits. The grader must fail the value checks and say float32
(not rounding, not an epsilon)."""
# expect-failing: constant_column, fit_transform_matches, single_row_transform, train_statistics, transform_values, uses_train_statistics

import numpy as np


class Standardizer:
    def fit(self, X):
        X = np.asarray(X, dtype=np.float32)
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, np.float32(1.0), std)
        return self

    def transform(self, X):
        return (np.asarray(X, dtype=np.float32) - self.mean_) / self.std_

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
