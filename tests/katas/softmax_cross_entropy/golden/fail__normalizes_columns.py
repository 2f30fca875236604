"""Normalizes along axis 0 (the columns: over the batch) whatever axis is asked, as if each
column were one sample. Every value is wrong on non-square logits; the value checks must say
"along axis 0"."""
# expect-failing: softmax_values, log_softmax_values, shift_invariance, cross_entropy_values, batch_mean, gradient_values, gradient_matches_finite_differences, large_logits

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=0, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))


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
