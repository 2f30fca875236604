"""Correct solution that prints arrays while it works, in every way a learner does: print() of
the statistics and of X, an f-string holding the transformed array, a logging call with a repr,
and the first row formatted by a generator inside print. Printing never changes a verdict, so
every check passes."""

import logging

import numpy as np

log = logging.getLogger("scaler")


class Standardizer:
    def __init__(self):
        self.mean_ = None
        self.std_ = None

    def fit(self, X):
        print("fitting on", X)
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.std_ = np.where(np.ptp(X, axis=0) == 0, 1.0, std)
        print("mean_ =", self.mean_, "std_ =", self.std_)
        log.warning("fitted statistics %r %s", self.mean_, self.std_)
        return self

    def transform(self, X):
        Z = (X - self.mean_) / self.std_
        print(f"transformed {X.shape}: {Z}")
        print(" | ".join(f"{v:+.2f}" for v in Z[0]))
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
