"""What a kata's optional ``compare.py`` returns: named numbers for the compare view.

A scenario is ``run(candidate, rng) -> (metrics, curves)``: ``metrics`` a list of
:class:`Metric`, ``curves`` a dict of 1-D arrays (e.g. the loss history). ``compare`` runs it on
the learner's file and on the reference with the same seed and shows both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    value: object
    """A number, or a short text such as a formatted vector."""
    ratio: bool = False
    """Show yours / reference (e.g. time per epoch)."""
