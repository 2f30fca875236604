"""Right values, but the loss gathers the true-class log-probabilities with a list
comprehension over the rows. Only the no-loop-over-samples check fails, naming the line."""
# expect-failing: no_loop_over_samples

import numpy as np


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def cross_entropy(logits, y):
    lsm = log_softmax(logits)
    picked = np.array([lsm[i, label] for i, label in enumerate(y)])
    return float(-np.mean(picked))


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
