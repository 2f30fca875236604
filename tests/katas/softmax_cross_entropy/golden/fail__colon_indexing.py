"""Picks the true classes with logits[:, y], an (n, n) block (every row at every label),
instead of one entry per row, in the loss and in the gradient. The value checks must name
the [:, y] block."""
# expect-failing: cross_entropy_values, large_logits, gradient_values, gradient_matches_finite_differences

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    return float(-np.mean(log_softmax(logits)[:, y]))


def cross_entropy_grad(logits, y):
    g = softmax(logits)
    g[:, y] -= 1
    return g / len(y)


QUIZ_ANSWERS = {
    "uniform_loss": 2.303,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
