"""Does not handle constant columns: their std is 0, and transform divides 0 by 0 (nan, with
a RuntimeWarning). The grader must fail the constant-column check only."""
# expect-failing: constant_column

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        self.std_ = X.std(axis=0)
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
