"""Why a learner's values agree with the expected ones to a few digits only: rounded output or
single precision, decided from the evidence in the values themselves (the helpers live in
:mod:`katakit.author.values`, whose ``precision_note`` and ``worst_gap`` use them):

- every value has k >= 1 decimals at most and equals the expected value rounded to k
  decimals: the output was **rounded** (round, np.round, a format);
- every value is exactly a float32 number and some use more than 12 bits of mantissa: the
  values went through **float32** (a random float64 is a float32 number with chance 2^-29);
- otherwise nothing is claimed beyond "agrees to 6-7 digits" for float32-sized gaps.
"""

from __future__ import annotations

from katakit.author.values import (cause, decimals, precision_note, rounded_to,
                                   single_precision, worst_gap)


def explain_gap(actual, expected) -> str:
    """:func:`worst_gap` with the right explanation of a small difference (rounding, float32,
    or none): kept for the katas that call it by this name."""
    return worst_gap(actual, expected)


__all__ = ["cause", "decimals", "explain_gap", "rounded_to", "single_precision"]
