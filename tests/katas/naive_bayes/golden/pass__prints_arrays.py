"""Correct solution that prints arrays while it works: the fitted priors, means and variances,
the joint log-likelihoods and the normalized rows, and the predicted labels. Printing never
changes a verdict, so every check passes."""

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing
        print("GaussianNB with var_smoothing", var_smoothing)

    def fit(self, X, y):
        classes, codes = np.unique(y, return_inverse=True)
        self.classes_ = classes
        counts = np.bincount(codes, minlength=len(classes))
        self.class_prior_ = counts / len(codes)
        masks = codes[None, :] == np.arange(len(classes))[:, None]            # (C, n)
        self.theta_ = (masks @ X) / counts[:, None]
        self.var_ = (masks @ (X - self.theta_[codes]) ** 2) / counts[:, None]
        epsilon = self.var_smoothing * np.max(X.var(axis=0))
        self.var_ = self.var_ + epsilon
        print("classes", self.classes_, "priors", self.class_prior_)
        print("means\n", self.theta_, "\nvariances\n", self.var_, "\nepsilon", epsilon)
        return self

    def predict_log_proba(self, X):
        diff = X[:, None, :] - self.theta_
        jll = np.log(self.class_prior_) + np.sum(
            -0.5 * np.log(2 * np.pi * self.var_) - 0.5 * diff ** 2 / self.var_, axis=-1)
        print("joint log-likelihood:", jll)
        m = np.max(jll, axis=1, keepdims=True)
        out = jll - m - np.log(np.sum(np.exp(jll - m), axis=1, keepdims=True))
        print(f"log posteriors {out}")
        return out

    def predict(self, X):
        labels = self.classes_[np.argmax(self.predict_log_proba(X), axis=1)]
        print("predicted", labels)
        return labels


QUIZ_ANSWERS = {
    "log_space": "c",
    "epsilon_value": 4e-9,
    "naive_assumption": "b",
    "logsumexp_shift": -0.3133,
    "prior_effect": "a",
    "parameter_count": 63,
}
