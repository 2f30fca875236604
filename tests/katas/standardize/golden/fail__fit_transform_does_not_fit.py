"""fit_transform computes the z-scores with local statistics and returns them, but never stores
mean_ and std_: the values are right, yet the model stays unfitted, so a later transform of
test data cannot work. The statement says fit_transform is fit followed by transform: the
grader must fail the fit_transform check and say the model was left unfitted."""
# expect-failing: fit_transform_matches

import numpy as np


class Standardizer:
    def __init__(self):
        self.mean_ = None
        self.std_ = None

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, X.std(axis=0))
        return self

    def transform(self, X):
        return (X - self.mean_) / self.std_

    def fit_transform(self, X):
        mean = X.mean(axis=0)
        std = np.where(np.ptp(X, axis=0) == 0, 1.0, X.std(axis=0))
        return (X - mean) / std


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
