"""Reference solution: a numerically stable softmax, log-softmax and cross-entropy."""

import numpy as np


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(z, axis=-1):
    return np.exp(log_softmax(z, axis=axis))


def cross_entropy(logits, y):
    n = logits.shape[0]
    return float(-np.mean(log_softmax(logits)[np.arange(n), y]))


def cross_entropy_grad(logits, y):
    n = logits.shape[0]
    grad = softmax(logits)
    grad[np.arange(n), y] -= 1.0
    return grad / n


QUIZ_ANSWERS = {
    "uniform_loss": 2.3026,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
