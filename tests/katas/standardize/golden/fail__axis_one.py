"""Reduces along axis=1: one mean and std per row instead of per column (with keepdims so that
the training data itself still broadcasts). The grader must name axis=1."""
# expect-failing: constant_column, fit_transform_matches, output_shapes, single_row_transform, speed_at_scale, train_statistics, transform_values, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
        self.std_ = np.where(np.ptp(X, axis=1, keepdims=True) == 0, 1.0, std)
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
