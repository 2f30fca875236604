"""Uses the sample standard deviation (ddof=1, pandas' default) instead of the population std.
The grader must name ddof=1 wherever the std shows."""
# expect-failing: constant_column, fit_transform_matches, single_row_transform, train_statistics, transform_values, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0, ddof=1)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
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
