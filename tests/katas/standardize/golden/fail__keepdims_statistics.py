"""Keeps the statistics 2-D (keepdims=True, shape (1, d)) "so that they broadcast". The values
and every transform are right, but the statement asks for mean_ and std_ of shape (d,): the
grader must fail every check that reads them and say to drop keepdims."""
# expect-failing: constant_column, fit_transform_matches, output_shapes, single_row_transform, train_statistics, transform_values, uses_train_statistics

import numpy as np


class Standardizer:
    def fit(self, X):
        self.mean_ = np.mean(X, axis=0, keepdims=True)
        spread = np.std(X, axis=0, keepdims=True)
        constant = np.max(X, axis=0, keepdims=True) == np.min(X, axis=0, keepdims=True)
        self.std_ = np.where(constant, 1.0, spread)
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
