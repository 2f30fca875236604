"""Correct code, but two quiz answers are wrong (transform_new_value uses the sample std, and
scale_invariant_model picks k-NN). The grader must fail exactly those two quiz checks."""
# expect-failing: scale_invariant_model, transform_new_value

import numpy as np


class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        return self

    def transform(self, X):
        return (X - self.mean_) / self.std_

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 2.806,   # (11 - 5) / sqrt(32 / 7)
    "pandas_ddof": "a",
    "scale_invariant_model": "a",
    "cross_validation": "d",
}
