"""transform recomputes the mean and std from the data it is given instead of
using the statistics stored by fit (test data always come out centred at 0). The grader must
name the mistake in the checks that transform new data."""
# expect-failing: constant_column, fit_transform_matches, single_row_transform, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        return self

    def transform(self, X):
        mean = X.mean(axis=0)
        std = X.std(axis=0)
        return (X - mean) / np.where(np.ptp(X, axis=0) == 0, 1.0, std)

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
