"""transform centres and scales X in place (X -= mean_; X /= std_) and returns it, which changes
the caller's X. Each call works on its own copy, so every value is right and only the robustness
check fails, naming the line."""
# expect-failing: inputs_untouched

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
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
