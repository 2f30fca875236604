"""Avoids division by zero by adding an epsilon to every std instead of storing 1.0 for
constant columns. Every column comes out slightly off; the grader must name the epsilon."""
# expect-failing: constant_column, fit_transform_matches, single_row_transform, train_statistics, transform_values, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        self.std_ = X.std(axis=0) + 1e-8
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
