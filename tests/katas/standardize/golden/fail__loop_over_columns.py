"""Correct values, computed one column at a time with Python loops. The grader must fail the
no-loop-over-columns check (values are right)."""
# expect-failing: no_loop_over_columns

import numpy as np

class Standardizer:
    def fit(self, X):
        d = X.shape[1]
        self.mean_ = np.zeros(d)
        self.std_ = np.ones(d)
        for j in range(d):
            column = X[:, j]
            self.mean_[j] = column.mean()
            std = column.std()
            self.std_[j] = std if np.ptp(column) > 0 else 1.0
        return self

    def transform(self, X):
        Z = np.empty(X.shape)
        for j in range(X.shape[1]):
            Z[:, j] = (X[:, j] - self.mean_[j]) / self.std_[j]
        return Z

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
