"""Peak memory against the reference, with a margin tight enough to see one intermediate.

Why this module exists: the standard speed check (:func:`katakit.author.standard.speed`)
compares peak memory with a wide margin (20x the reference, or 256 MiB more). That margin is
made for blow-ups such as an (n, n) residual table at 100,000 samples, which exhaust the
worker anyway; it cannot see a smaller intermediate that is the classic mistake of a task and
still fits in the worker: kNN's (m, n, d) difference tensor where an (m, n) distance matrix
suffices, or AUC's (n_pos, n_neg) comparison matrix where one sort suffices. At a size where
that intermediate takes a few hundred MiB, the reference needs a few MiB, so a margin of a few
times the reference plus a floor shows the intermediate while honest variants (a few more
(m, n) arrays, a full sort instead of a partition) stay far below it.

Declared in one line in a kata's hidden-check file::

    test_distance_matrix_memory = memory_check(
        big_data, workload, "kneighbors on 200 queries x 2000 points with 64 features",
        "Build only the (m, n) matrix of squared distances ...")

Peaks are measured from outside the worker (``/proc``), as the speed check's are; the measured
call's result is compared with the reference's (an ``Unverified`` when it differs).
"""

from __future__ import annotations

from typing import Callable

from katakit.author.checks import check, fail
from katakit.author.measure import Workload, same_as_reference, fastest
from katakit.candidate.errors import CandidateTimeout

MEMORY_MARGIN = 4.0  # the learner may use this many times the reference's peak ...
MEMORY_FLOOR_MB = 48  # ... or this many MiB more, whichever is larger
CALL_SECONDS = 20.0  # deadline of the measured call (a pairwise tensor is slow, not stuck)


def assert_comparable_memory(candidate, reference_process, arrays: dict, workload: Workload,
                             what: str, advice: str, margin: float = MEMORY_MARGIN,
                             floor_mb: float = MEMORY_FLOOR_MB) -> None:
    """Fail when the last call of ``workload`` (run after its other calls, once as a warm-up
    and once measured) peaks above ``margin`` times the reference's peak and ``floor_mb`` MiB
    above it; ``advice`` ends the message."""
    for process in (reference_process, candidate):
        process.store(**arrays)
    _, reference_peak, expected = fastest(reference_process, workload, CALL_SECONDS, runs=1)
    try:
        _, peak, value = fastest(candidate, workload, CALL_SECONDS, runs=1)
    except CandidateTimeout:
        raise CandidateTimeout.after(what, CALL_SECONDS, f"the reference needs a moment only. "
                                     f"{advice}") from None
    same_as_reference(workload, [value], [expected], f"on {what}")
    limit = max(margin * reference_peak, reference_peak + floor_mb * 2**20)
    if peak > limit:
        needs = (f"{reference_peak / 2**20:.0f} MiB" if reference_peak >= 2**20 else
                 "less than 1 MiB")
        fail(f"{what} allocated {peak / 2**20:.0f} MiB at its peak; the reference needs "
             f"{needs} (up to {limit / 2**20:.0f} MiB is accepted). {advice}")


def memory_check(data: Callable, workload: Workload, what: str, advice: str, doc: str = "",
                 margin: float = MEMORY_MARGIN, floor_mb: float = MEMORY_FLOOR_MB) -> Callable:
    """A performance check: ``workload`` on the arrays ``data(rng)`` returns (refer to them
    with ``stored("name")``) peaks at most ``margin`` times the reference's memory (or
    ``floor_mb`` MiB above it)."""
    def test(candidate, reference_process, rng):
        assert_comparable_memory(candidate, reference_process, data(rng), workload, what,
                                 advice, margin, floor_mb)

    test.__doc__ = doc or f"{what} needs memory comparable to the reference's."
    return check("performance")(test)


__all__ = ["assert_comparable_memory", "memory_check"]
