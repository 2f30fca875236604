"""transform centres and scales X in place (X -= mean_; X /= std_) and returns it. On the
grader's read-only arrays this raises; the grader must say the input was modified in place."""
# expect-failing: constant_column, fit_transform_matches, inputs_untouched, no_loop_over_columns, no_loop_over_rows, output_shapes, single_row_transform, speed_at_scale, transform_values, uses_train_statistics

import numpy as np

class Standardizer:
    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        return self

    def transform(self, X):
        X -= self.mean_  # saves memory
        X /= self.std_
        return X

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "b",
    "transform_new_value": 3,
    "pandas_ddof": "c",
    "scale_invariant_model": "d",
    "cross_validation": "a",
}
