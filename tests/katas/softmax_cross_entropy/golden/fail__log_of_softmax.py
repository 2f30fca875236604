"""A stable softmax, but log_softmax as np.log(softmax(z)): a probability of exp(-800)
underflows to 0, its log is -inf and the loss is inf. Only the large-logit check fails,
naming the log of the softmax."""
# expect-failing: large_logits

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    return np.log(softmax(z, axis=axis))


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
