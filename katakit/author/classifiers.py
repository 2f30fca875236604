"""Reading what a classifier returned: predicted labels (integers or strings) and counts.

:func:`katakit.author.values.as_array` turns everything into floats and refuses text, which is
right for numbers but not for class labels: a classifier trained on ``["cat", "dog"]`` must
predict strings, and one trained on integer labels must predict those integers (not one-hot
rows, not probabilities, not the index of the class). These helpers coerce a learner's labels
and name those mistakes; they are shared by the classification katas (decision trees, naive
Bayes, kNN ...).
"""

from __future__ import annotations

import numbers

import numpy as np

from katakit.author.checks import fail
from katakit.author.values import returned
from katakit.candidate.client import LearnerObject


def as_labels(value, n: int, what: str, labels=None) -> np.ndarray:
    """``value`` as a 1-D array of ``n`` class labels; with ``labels`` (the training labels),
    every prediction must be one of them. Strings stay strings, numbers become a numeric
    array."""
    if isinstance(value, LearnerObject) or value is None or isinstance(value, (str, dict)):
        fail(f"{what} should return an array of {n} labels, but it returned {returned(value)}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        fail(f"{what} should return an array of {n} labels, but it returned {returned(value)}")
    if array.ndim == 2 and array.shape[0] == n and array.shape[1] > 1:
        fail(f"{what} has shape {array.shape}: one row of scores per sample. Return the label "
             f"of the best class for each sample, shape ({n},)")
    if array.ndim == 2 and 1 in array.shape and array.size == n:
        fail(f"{what} has shape {array.shape}; return a 1-D array of shape ({n},)")
    if array.shape != (n,):
        fail(f"{what} should have shape ({n},), but it has shape {array.shape}")
    if labels is None:
        return array
    labels = np.asarray(labels)
    text = labels.dtype.kind in "US"
    if text and array.dtype.kind not in "US":
        fail(f"{what} returned numbers ({_few(array)}), but the classes are strings "
             f"({_few(np.unique(labels))}): return the labels themselves, e.g. "
             "self.classes_[np.argmax(scores, axis=1)], not their index")
    if not text and array.dtype.kind in "US":
        fail(f"{what} returned strings ({_few(array)}); the classes are numbers "
             f"({_few(np.unique(labels))})")
    if not text and array.dtype.kind not in "biuf":
        fail(f"{what} should hold numeric labels, but it returned {returned(value)}")
    unknown = ~np.isin(array, labels)
    if unknown.any():
        fail(f"{what} predicted {_few(array[unknown])}, which is not a class of the training "
             f"labels ({_few(np.unique(labels))}): return a label, not a class index or a score")
    return array


def as_count(value, what: str) -> int:
    """A non-negative whole number (a depth, a number of leaves ...), int or integral float."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.ndarray)):
        fail(f"{what} should return a whole number, but it returned {returned(value)}")
    number = np.asarray(value)
    if number.shape != () or not np.isfinite(float(number)) or float(number) != int(number) \
            or float(number) < 0:
        fail(f"{what} should return a whole number >= 0, but it returned {returned(value)}")
    return int(number)


def _few(values, count: int = 4) -> str:
    values = list(np.asarray(values).ravel()[:count + 1])
    shown = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in values[:count])
    return shown + (", ..." if len(values) > count else "")


__all__ = ["as_count", "as_labels"]
