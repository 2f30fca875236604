"""Forgets the axis: one mean and one std over all entries of X instead of one per column.
The grader must say the statistics are single numbers and must be per column."""
# expect-failing: constant_column, fit_transform_matches, output_shapes, single_row_transform, train_statistics, transform_values, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean()
        std = X.std()
        self.std_ = std if std != 0 else 1.0
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
