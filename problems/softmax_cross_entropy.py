"""Softmax, log-softmax and the cross-entropy loss, numerically stable — your implementation.

Read the statement first:   python grader.py show softmax_cross_entropy
Grade this file:            python grader.py check softmax_cross_entropy --file <this file>

Rules: NumPy only; no Python loops over samples or classes; do not modify the inputs.
"""

import numpy as np


def softmax(z, axis=-1):
    """np.exp(z) / np.sum(np.exp(z), axis=axis, keepdims=True), computed so that it cannot
    overflow (z up to 1000); same shape as z."""
    # TODO
    raise NotImplementedError("TODO: softmax")


def log_softmax(z, axis=-1):
    """z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True)), computed stably (subtract the
    max; never np.log(softmax(z))); same shape as z."""
    # TODO
    raise NotImplementedError("TODO: log_softmax")


def cross_entropy(logits, y):
    """logits (n, C), y (n,) integer class labels in 0..C-1. Return the mean over the batch of
    -log_softmax(logits)[i, y[i]], as a float."""
    # TODO
    raise NotImplementedError("TODO: cross_entropy")


def cross_entropy_grad(logits, y):
    """The gradient of cross_entropy(logits, y) with respect to logits:
    (softmax(logits) - onehot(y)) / n, shape (n, C)."""
    # TODO
    raise NotImplementedError("TODO: cross_entropy_grad")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz softmax_cross_entropy` to read the
# questions, or see them in the grader's output.
QUIZ_ANSWERS = {
    "uniform_loss": None,
    "true_class_gradient": None,
    "why_subtract_max": None,
    "log_of_softmax": None,
    "two_classes": None,
    "gradient_row_sum": None,
}
