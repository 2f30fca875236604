"""The textbook formulas without subtracting the maximum: exp(z) / sum(exp(z)) and
z - log(sum(exp(z))). Right for ordinary logits, nan for a logit of 1000 (exp(1000) = inf and
inf / inf = nan). Only the large-logit check fails, naming the overflow."""
# expect-failing: large_logits

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    n = len(y)
    return float(-np.mean(log_softmax(logits)[np.arange(n), y]))


def cross_entropy_grad(logits, y):
    n = len(y)
    g = softmax(logits)
    g[np.arange(n), y] -= 1
    return g / n


QUIZ_ANSWERS = {
    "uniform_loss": 2.303,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
