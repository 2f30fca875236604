"""Coerce what the learner returned into plain arrays and numbers, compare them, and describe
the difference in words a learner can act on."""

from __future__ import annotations

import numbers

import numpy as np

from katakit.author.checks import fail
from katakit.candidate.client import LearnerObject


def data_note(seed: int, **arrays) -> str:
    """'(seed 42; X (50, 3), y (50,))': tells the learner how to reproduce a failure."""
    shapes = ", ".join(f"{name} {tuple(np.shape(a))}" for name, a in arrays.items())
    return f"(seed {seed}; {shapes})" if shapes else f"(seed {seed})"


def returned(value) -> str:
    """A short, learner-readable description of a returned value."""
    if isinstance(value, LearnerObject):
        return "self (the model object)" if value.is_self else f"a {value.type} object"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"{type(value).__name__} {value!r}"[:120]


def as_array(value, shape: tuple, what: str) -> np.ndarray:
    """``value`` as a float array of exactly ``shape``, or a CheckFailed saying why not."""
    if isinstance(value, LearnerObject) or value is None or isinstance(value, (str, dict)):
        fail(f"{what} should be an array of shape {shape}, but it returned {returned(value)}")
    try:
        if np.asarray(value).dtype.kind in "US":  # "1.5" would parse as a float
            fail(f"{what} should hold numbers, but it holds strings: return floats, not text")
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} should be an array of shape {shape}, but it returned {returned(value)}")
    if array.shape != tuple(shape):
        fail(f"{what} should have shape {tuple(shape)}, but it has shape {array.shape}")
    return array


def as_vector(value, length: int, what: str) -> np.ndarray:
    """Like :func:`as_array` for 1-D results, naming the (n, 1) column-vector mistake."""
    shape = np.shape(value) if isinstance(value, (np.ndarray, list, tuple)) else None
    if shape and len(shape) == 2 and 1 in shape and max(shape) == length:
        fail(f"{what} has shape {shape}, a column/row vector; it should be 1-D with shape "
             f"({length},). Keep vectors 1-D: an (n, 1) array minus an (n,) array "
             "broadcasts to (n, n).")
    if shape and len(shape) == 2 and length in shape:
        fail(f"{what} has shape {shape} instead of ({length},): two vectors broadcast into a "
             "matrix, so one of them is a column vector (n, 1). Keep both 1-D "
             "(y.ravel(), np.zeros(n_features)).")
    return as_array(value, (length,), what)


def as_float(value, what: str) -> float:
    """A real scalar (Python or NumPy number, or 0-d array) as float, else CheckFailed."""
    if isinstance(value, bool) or isinstance(value, LearnerObject):
        fail(f"{what} should be a float, but it returned {returned(value)}")
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.shape == () and np.isrealobj(value):
        return float(value)
    if isinstance(value, np.ndarray):
        fail(f"{what} should be a single float, but it returned an array of shape "
             f"{value.shape}")
    fail(f"{what} should be a float, but it returned {returned(value)}")


def modified_input(target, name: str, args, names, **kwargs):
    """Call ``target.name(*args)`` with writeable copies of its arrays; return
    ``(input name, before, after)`` for the first array it changed (or did not give back),
    else None. ``names`` name the array arguments in order; ``target`` is the candidate
    (module functions) or a handle to one of the learner's objects."""
    _, after = target.call_returning_inputs(name, *args, **kwargs)
    arrays = [a for a in args if isinstance(a, np.ndarray)]
    after = list(after) + [None] * (len(arrays) - len(after))
    for label, before, now in zip(names, arrays, after):
        if now is None or now.shape != before.shape or not np.array_equal(now, before):
            return label, before, now
    return None


def close(actual, expected, rtol=1e-9, atol_scale=1e-12) -> bool:
    """Equal up to float64 re-ordering noise; the absolute part scales with the data."""
    expected = np.asarray(expected, dtype=float)
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    return bool(np.allclose(actual, expected, rtol=rtol, atol=atol_scale * scale,
                            equal_nan=True))


def worst_gap(actual, expected, note: bool = True) -> str:
    """'largest difference 0.37 at index 4 (yours 1.2, expected 0.83)'; ``note`` adds the
    single-precision remark when the gap looks like float32 rounding."""
    actual = np.atleast_1d(np.asarray(actual, dtype=float))
    expected = np.atleast_1d(np.asarray(expected, dtype=float))
    if not np.all(np.isfinite(actual)):
        return (f"yours contains {'nan' if np.any(np.isnan(actual)) else 'inf'} (the "
                "computation overflowed or diverged)")
    gap = np.abs(actual - expected)
    # the entry furthest outside close()'s tolerance: the largest gap can be a large entry
    # that is right up to rounding while a small one is plainly wrong
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    excess = gap / (1e-9 * np.abs(expected) + 1e-12 * scale)
    index = int(np.argmax(excess)) if gap.size else 0
    largest = not gap.size or gap.flat[index] >= gap.max()
    position = ", ".join(str(int(i)) for i in np.unravel_index(index, actual.shape))
    where = "" if actual.size == 1 else f" at index {position}"
    mine, right = actual.flat[index], expected.flat[index]
    digits = next((p for p in range(6, 18) if f"{mine:.{p}g}" != f"{right:.{p}g}"), 17)
    label = "largest difference" if largest else "largest difference for its size"
    return (f"{label} {gap.flat[index]:.3g}{where}"
            f" (yours {mine:.{digits}g}, expected {right:.{digits}g})"
            + (precision_note(actual, expected) if note else ""))


def precision_only(actual, expected) -> bool:
    """Wrong by the relative amount float32 rounding leaves (about 1e-8 to 1e-5), which float64
    re-orderings (< 1e-12) and most real mistakes (an epsilon, a finite difference, a step too
    many) do not."""
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    scale = max(float(np.max(np.abs(expected), initial=0.0)), 1e-300)
    gap = float(np.max(np.abs(actual - expected), initial=0.0)) / scale
    return bool(np.all(np.isfinite(actual)) and 5e-9 < gap < 1e-5)


def precision_note(actual, expected) -> str:
    """': <why>' when a small difference has a cause the values themselves show (rounded
    results, or float32 numbers), or when it is float32-sized; '' otherwise."""
    why = cause(actual, expected)
    if why:
        return f": {why}"
    if not precision_only(actual, expected):
        return ""
    return (": it agrees only to about 6-7 significant digits (single precision, or rounded "
            "results?): compute in float64 and return the values unrounded")


MAX_DECIMALS = 10


def decimals(values) -> int | None:
    """The smallest k <= 10 such that every value has at most k decimals, else None."""
    values = np.atleast_1d(np.asarray(values, dtype=float))
    if values.size == 0 or not np.all(np.isfinite(values)):
        return None
    for k in range(MAX_DECIMALS + 1):
        if np.all(np.isclose(np.round(values, k), values, rtol=4e-16, atol=0)):
            return k
    return None


def rounded_to(actual, expected) -> int | None:
    """k >= 1 when ``actual`` is ``expected`` rounded to k decimals (and differs from it)."""
    actual = np.atleast_1d(np.asarray(actual, dtype=float))
    expected = np.atleast_1d(np.asarray(expected, dtype=float))
    k = decimals(actual)
    if not k or actual.shape != expected.shape or np.array_equal(actual, expected):
        return None  # k == 0: whole numbers say nothing (a clip at 0, a constant 1.0 ...)
    same = np.isclose(np.round(expected, k), actual, rtol=1e-12, atol=1e-15)
    return k if bool(np.all(same)) else None


def single_precision(actual) -> bool:
    """Every value is exactly a float32 number, and some need more than 12 mantissa bits (so
    the values are not merely short binary fractions such as 0.5 or 3.25)."""
    actual = np.atleast_1d(np.asarray(actual, dtype=float))
    if actual.size == 0 or not np.all(np.isfinite(actual)):
        return False
    with np.errstate(over="ignore"):
        as_float32 = actual.astype(np.float32).astype(float)
    if not np.array_equal(as_float32, actual):
        return False
    mantissa = np.frexp(actual)[0] * 2.0 ** 12
    return bool(np.any(mantissa != np.round(mantissa)))


def cause(actual, expected) -> str:
    """Why ``actual`` is close to but not ``expected``: a sentence, or '' when the values do
    not show it."""
    k = rounded_to(actual, expected)
    if k is not None:
        return (f"your values are rounded to {k} decimal{'s' * (k != 1)}: return them "
                "unrounded (no round(), np.round or string formatting on results)")
    if single_precision(actual):
        return ("your values are single-precision (float32) numbers: compute in float64 (no "
                "float32 casts or dtypes)")
    return ""



def same_values(actual, expected, rtol: float = 1e-6) -> bool:
    """Whether a learner's result equals the reference's up to float rounding, recursively
    through lists, tuples and dicts; objects (``self``, a model) match any object."""
    if isinstance(actual, LearnerObject) or not _is_data(expected):
        return isinstance(actual, LearnerObject) and not _is_data(expected)
    if isinstance(expected, dict):
        return isinstance(actual, dict) and actual.keys() == expected.keys() and all(
            same_values(actual[k], expected[k], rtol) for k in expected)
    if isinstance(expected, (list, tuple)) and not _numeric_sequence(expected):
        return isinstance(actual, (list, tuple)) and len(actual) == len(expected) and all(
            same_values(a, b, rtol) for a, b in zip(actual, expected))
    try:
        mine, theirs = np.asarray(actual), np.asarray(expected)
    except (TypeError, ValueError):
        return False
    if mine.shape != theirs.shape:
        return False
    if theirs.dtype.kind in "USb" or mine.dtype.kind in "US":
        return bool(np.array_equal(mine, theirs))
    try:
        return close(mine.astype(float), theirs.astype(float), rtol=rtol, atol_scale=1e-9)
    except (TypeError, ValueError):
        return False


def _is_data(value) -> bool:
    return value is None or isinstance(value, (numbers.Number, str, bool, np.ndarray,
                                               np.generic, list, tuple, dict))


def _numeric_sequence(value) -> bool:
    return all(isinstance(v, (numbers.Number, np.generic)) for v in value)
