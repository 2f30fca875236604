"""Helpers for katas about models trained with the cross-entropy (logistic regression, softmax
and cross-entropy): examiner-side sigmoid and softmax that never overflow, labelled test data,
the exact maximum-likelihood optimum (Newton's method), reading predicted 0/1 labels, and the
`compare` scenario of a binary classifier trained by ``fit``.

Why a module of its own: :mod:`katakit.author.linear_models` makes regression targets and
knows the least-squares optimum; these katas need 0/1 labels, a cross-entropy optimum with no
closed form, a stated probability clipping and integer predictions
(:mod:`katakit.author.classifiers` reads labels of any type for trees, kNN, naive Bayes).
Nothing here is specific to one kata.
"""

from __future__ import annotations

import numpy as np

from katakit.author.checks import fail
from katakit.author.linear_models import as_history
from katakit.author.measure import stored
from katakit.author.scenario import Metric
from katakit.author.values import as_float, as_vector, returned

CLIP = 1e-15
"""The probability clipping the cross-entropy katas state: p is clipped to [CLIP, 1 - CLIP]
before any logarithm."""


# --- trusted maths (examiner side) ----------------------------------------------------------

def sigmoid(z) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow: exp is only taken of -|z|."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def binary_cross_entropy(p, y, clip=CLIP) -> float:
    """Mean binary cross-entropy of probabilities ``p`` clipped to [clip, 1 - clip]."""
    p = np.clip(np.asarray(p, dtype=float), clip, 1 - clip)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def log_softmax(z, axis=-1) -> np.ndarray:
    """z - logsumexp(z) along ``axis``, with the maximum subtracted first."""
    z = np.asarray(z, dtype=float)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax(z, axis=-1) -> np.ndarray:
    return np.exp(log_softmax(z, axis))


def cross_entropy(logits, y) -> float:
    """Mean over the batch of -log softmax(logits)[i, y_i]; logits (n, C), y (n,) ints."""
    return float(-np.mean(log_softmax(logits)[np.arange(len(y)), y]))


def cross_entropy_grad(logits, y) -> np.ndarray:
    """(softmax(logits) - onehot(y)) / n, shape (n, C)."""
    grad = softmax(logits)
    grad[np.arange(len(y)), y] -= 1
    return grad / len(y)


# --- data -----------------------------------------------------------------------------------

def make_classification(rng, n, d, scale=1.0, separable=False, dtype=float, weight=1.5):
    """Features ``scale * N(0, 1)`` and 0/1 labels: drawn from a logistic model with weights
    ``weight * N(0, 1)`` (so no hyperplane separates them and the optimum is finite; a small
    ``weight`` keeps the optimum well conditioned), or, with ``separable``, the side of a
    random hyperplane (so the loss can be driven towards 0 and probabilities saturate)."""
    X = rng.normal(size=(n, d)) * scale
    w, b = rng.normal(size=d) * weight, float(rng.normal()) * 0.5
    logits = X @ w / scale + b
    y = logits > 0 if separable else rng.random(n) < sigmoid(logits)
    return X, y.astype(dtype)


def logistic_optimum(X, y, iterations=60):
    """The exact minimizer [w, b] of the mean cross-entropy (Newton's method; the data must
    not be separable) and the loss there."""
    design = np.column_stack([X, np.ones(len(X))])
    theta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = sigmoid(design @ theta)
        hessian = design.T @ (design * (p * (1 - p))[:, None]) / len(y)
        theta = theta - np.linalg.solve(hessian, design.T @ (p - y) / len(y))
    return theta, binary_cross_entropy(sigmoid(design @ theta), y)


def largest_safe_lr(X) -> float:
    """1 / L, L = the largest eigenvalue of [X 1]^T [X 1] / (4 n), which bounds the Hessian of
    the mean cross-entropy everywhere: gradient descent at this rate lowers the loss every
    epoch."""
    design = np.column_stack([X, np.ones(len(X))])
    return 1 / np.linalg.eigvalsh(design.T @ design / (4 * len(X)))[-1]


# --- reading what the learner returned ------------------------------------------------------

def as_binary_labels(value, n: int, what: str) -> np.ndarray:
    """Predicted 0/1 labels: a 1-D integer array of ``n`` zeros and ones. Names the usual
    slips: booleans, floats from np.round, probabilities instead of labels."""
    labels = as_vector(value, n, what)
    kind = np.asarray(value).dtype.kind
    if kind == "b":
        fail(f"{what} returned booleans; the spec asks for the integers 0 and 1: convert the "
             "comparison with .astype(int)")
    if kind not in "iu":
        integral = bool(np.all(np.isin(labels, (0, 1))))
        fail(f"{what} returned {returned(value)}; the spec asks for the integers 0 and 1"
             + (": np.round and float arithmetic give floats, add .astype(int)" if integral
                else ", not probabilities"))
    if not np.all(np.isin(labels, (0, 1))):
        fail(f"{what} returned values other than 0 and 1: {np.unique(labels)[:6]}")
    return labels


# --- compare --------------------------------------------------------------------------------

def compare_classifier_fit(candidate, rng, class_name, n=400, d=5, lr=None, epochs=300,
                           tolerance=1e-6):
    """What `compare` shows for a binary classifier trained by ``fit``: final loss, parameters,
    distance to the maximum-likelihood optimum, epochs to get within ``tolerance`` of the
    initial excess loss, training accuracy, and time per epoch on 20000 x 20 data; the curve
    is the loss above the optimum. ``lr`` defaults to :func:`largest_safe_lr` of the data."""
    X, y = make_classification(rng, n, d)
    lr = largest_safe_lr(X) if lr is None else lr
    model = candidate.new(class_name, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs)
    w, b = as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b")
    labels = as_binary_labels(model.call("predict", X), n, "predict(X)")
    theta, best_loss = logistic_optimum(X, y)
    excess = history - best_loss
    reached = np.flatnonzero(excess <= tolerance * excess[0])
    big, big_y = make_classification(rng, 20_000, 20)
    candidate.store(X=big, y=big_y)
    timer = candidate.new(class_name, 20)
    seconds = min(timer.timed_call("fit", stored("X"), stored("y"), epochs=20)[1].seconds
                  for _ in range(3))
    metrics = [
        Metric("learning rate (safe: 1 / largest curvature)", round(lr, 4)),
        Metric("final loss", float(history[-1])),
        Metric("optimal loss", best_loss),
        Metric("w", np.array2string(w, precision=4, separator=", ")),
        Metric("b", round(b, 6)),
        Metric("gap to the optimum |[w,b] - opt|",
               float(np.linalg.norm(np.append(w, b) - theta))),
        Metric(f"epochs to within {tolerance:g} of optimum",
               int(reached[0]) if reached.size else f"> {epochs}"),
        Metric("training accuracy", float(np.mean(labels == y))),
        Metric("ms per epoch (20000 x 20)", 1000 * seconds / 20, ratio=True),
    ]
    return metrics, {"loss above the optimum": excess}
