"""A stable softmax and log_softmax, but the loss as -mean(log(p_true + 1e-15)) "to avoid
log(0)": right to about 1e-13 for ordinary logits, but a true class 800 below the maximum costs
-log(1e-15) = 34.5 instead of 800. Only the large-logit check fails, naming the epsilon."""
# expect-failing: large_logits

import numpy as np


EPS = 1e-15


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    p = softmax(logits)
    true_p = p[np.arange(len(y)), y]
    return float(-np.mean(np.log(true_p + EPS)))


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
