"""Wraps sklearn.preprocessing.StandardScaler. The import is refused, so the file does not load;
the grader must fail `load` and `no_ml_library` and skip the rest."""
# expect-failing: load, no_ml_library

from sklearn.preprocessing import StandardScaler


class Standardizer:
    def fit(self, X):
        self._scaler = StandardScaler().fit(X)
        self.mean_, self.std_ = self._scaler.mean_, self._scaler.scale_
        return self

    def transform(self, X):
        return self._scaler.transform(X)

    def fit_transform(self, X):
        return self.fit(X).transform(X)


QUIZ_ANSWERS = {
    "data_leakage": "c",
    "transform_new_value": 3,
    "pandas_ddof": "a",
    "scale_invariant_model": "b",
    "cross_validation": "d",
}
