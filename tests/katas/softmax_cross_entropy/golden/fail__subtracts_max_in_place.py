"""Shifts the caller's logits in place, z -= z.max(...), to save a copy. Every value is
right, but the input changes: only the robustness check fails, naming the line."""
# expect-failing: inputs_untouched

import numpy as np


def softmax(z, axis=-1):
    z -= np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    z -= np.max(z, axis=axis, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    n = len(y)
    return float(-np.mean(log_softmax(logits.copy())[np.arange(n), y]))


def cross_entropy_grad(logits, y):
    n = len(y)
    g = softmax(logits.copy())
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
