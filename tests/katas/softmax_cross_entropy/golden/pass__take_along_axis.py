"""Correct with np.take_along_axis for the true class and np.moveaxis to work on the last
axis whatever axis is asked; the gradient built with np.put_along_axis on a copy. Every check
passes."""

import numpy as np


def _last(z, axis):
    return np.moveaxis(np.asarray(z, dtype=float), axis, -1)


def softmax(z, axis=-1):
    x = _last(z, axis)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return np.moveaxis(e / e.sum(axis=-1, keepdims=True), -1, axis)


def log_softmax(z, axis=-1):
    x = _last(z, axis)
    x = x - x.max(axis=-1, keepdims=True)
    return np.moveaxis(x - np.log(np.exp(x).sum(axis=-1, keepdims=True)), -1, axis)


def cross_entropy(logits, y):
    true_class = np.take_along_axis(log_softmax(logits), y[:, None], axis=1)
    return -float(np.mean(true_class))


def cross_entropy_grad(logits, y):
    p = softmax(logits)
    true_p = np.take_along_axis(p, y[:, None], axis=1)
    np.put_along_axis(p, y[:, None], true_p - 1.0, axis=1)
    return p / logits.shape[0]


QUIZ_ANSWERS = {
    "uniform_loss": 2.303,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
