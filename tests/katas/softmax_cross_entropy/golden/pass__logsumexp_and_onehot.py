"""Another correct style: log_softmax as z - (m + log(sum(exp(z - m)))) (a hand-written
logsumexp), softmax as exp(log_softmax), and a one-hot matrix np.eye(C)[y] for both the loss
and the gradient. Every check passes."""

import numpy as np


def logsumexp(z, axis):
    m = z.max(axis=axis, keepdims=True)
    return m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def log_softmax(z, axis=-1):
    return z - logsumexp(z, axis)


def softmax(z, axis=-1):
    return np.exp(log_softmax(z, axis))


def cross_entropy(logits, y):
    onehot = np.eye(logits.shape[1])[y]
    return float(-np.sum(onehot * log_softmax(logits, axis=1)) / len(y))


def cross_entropy_grad(logits, y):
    onehot = np.eye(logits.shape[1])[y]
    return (softmax(logits, axis=1) - onehot) / len(y)


QUIZ_ANSWERS = {
    "uniform_loss": 2.303,
    "true_class_gradient": -0.75,
    "why_subtract_max": "b",
    "log_of_softmax": "d",
    "two_classes": "a",
    "gradient_row_sum": 0,
}
