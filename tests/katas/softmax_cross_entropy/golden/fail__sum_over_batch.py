"""The loss as a sum over the batch instead of a mean, and a gradient to match (no 1/n).
The value checks and the stacked-batch check must say "a sum, not a mean"."""
# expect-failing: cross_entropy_values, batch_mean, large_logits, gradient_values, gradient_matches_finite_differences

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    rows = np.arange(logits.shape[0])
    return float(-np.sum(log_softmax(logits)[rows, y]))


def cross_entropy_grad(logits, y):
    g = softmax(logits)
    g[np.arange(logits.shape[0]), y] -= 1
    return g


QUIZ_ANSWERS = {
    "uniform_loss": 2.303,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
