"""Gaussian naive Bayes — your implementation.

Read the statement first:   python grader.py show naive_bayes
Grade this file:            python grader.py check naive_bayes --file <this file>

Rules: NumPy only; work in logs; no loop over samples or features (a loop over the classes is
fine); do not modify X or y.
"""

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        """Keep var_smoothing: epsilon = var_smoothing * np.max(np.var(X, axis=0))."""
        # TODO
        raise NotImplementedError("TODO: __init__")

    def fit(self, X, y):
        """Estimate the per-class statistics from X (n, d) and labels y (n,); return self.

        Sets classes_ = np.unique(y) (C,), class_prior_ (C,) = class frequencies,
        theta_ (C, d) = class means, var_ (C, d) = class population variances (ddof=0)
        + epsilon.
        """
        # TODO
        raise NotImplementedError("TODO: fit")

    def predict_log_proba(self, X):
        """The (m, C) normalized log posteriors log P(c | x), columns in the order of
        classes_: log prior + sum of Gaussian log densities, minus logsumexp over classes."""
        # TODO
        raise NotImplementedError("TODO: predict_log_proba")

    def predict(self, X):
        """The (m,) predicted labels: classes_[argmax of the log posterior] (ties: the first
        class)."""
        # TODO
        raise NotImplementedError("TODO: predict")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz naive_bayes` to read the questions, or see
# them in the grader's output.
QUIZ_ANSWERS = {
    "log_space": None,
    "epsilon_value": None,
    "naive_assumption": None,
    "logsumexp_shift": None,
    "prior_effect": None,
    "parameter_count": None,
}
