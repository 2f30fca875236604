"""What the history says about the learner: status per kata, streak, and what is due again.

Spaced repetition: a passed kata comes due again after growing intervals (1, 3, 7, 16, 35, 75
days for the 1st, 2nd ... passed round), halved when the round needed hints or a peek at the
reference, and halved again when it took longer than the kata's interview minutes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from katakit.catalog import Kata
from katakit.learner.history import History

DAY = 86_400.0
INTERVALS_DAYS = (1, 3, 7, 16, 35, 75)
IDLE_GAP_S = 30 * 60  # gaps longer than this between actions are not counted as practice


@dataclass(frozen=True)
class KataProgress:
    slug: str
    status: str  # "not started" | "attempted" | "passed"
    attempts: int  # checks of the learner's own files
    passes: int
    best_time_s: float | None  # shortest time from a round's start to its first pass
    hints_used: int
    peeks: int
    last_attempt: float | None
    time_spent_s: float
    due_at: float | None  # when a passed kata should be practised again

    def is_due(self, now: float) -> bool:
        return self.status != "passed" or (self.due_at is not None and now >= self.due_at)

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def kata_progress(kata: Kata, history: History) -> KataProgress:
    checks = history.checks(kata.slug)
    passed = [c for c in checks if c.verdict == "pass"]
    rounds = history.rounds(kata.slug)
    round_times = _pass_times(rounds, passed)
    status = "passed" if passed else ("attempted" if checks or rounds else "not started")
    return KataProgress(
        slug=kata.slug, status=status, attempts=len(checks), passes=len(passed),
        best_time_s=min(round_times.values()) if round_times else None,
        hints_used=history.count("hints", kata.slug), peeks=history.count("peeks", kata.slug),
        last_attempt=checks[-1].at if checks else None,
        time_spent_s=active_time(history.activity_times(kata.slug)),
        due_at=_due_at(kata, history, passed, round_times))


def _pass_times(rounds, passed) -> dict[int, float]:
    """Round id -> seconds from the round's start to its first passing check."""
    starts = {round_id: started for round_id, started, _ in rounds}
    times = {}
    for check in passed:
        if check.round_id in starts and check.round_id not in times:
            times[check.round_id] = check.at - starts[check.round_id]
    return times


def _due_at(kata, history, passed, round_times) -> float | None:
    if not passed:
        return None
    passed_rounds = sorted({c.round_id for c in passed}, key=lambda r: (r is None, r))
    interval = INTERVALS_DAYS[min(len(passed_rounds), len(INTERVALS_DAYS)) - 1] * DAY
    last_round = passed[-1].round_id
    if history.count_in_round("hints", kata.slug, last_round) or \
            history.count_in_round("peeks", kata.slug, last_round):
        interval /= 2
    if round_times.get(last_round, 0) > kata.minutes * 60:
        interval /= 2
    return passed[-1].at + interval


def active_time(times: list[float]) -> float:
    return sum(b - a for a, b in zip(times, times[1:]) if b - a <= IDLE_GAP_S)


def streak_days(history: History, now: float) -> int:
    """Consecutive days, ending today or yesterday, with at least one check."""
    days = {dt.date.fromtimestamp(c.at) for c in history.checks()}
    day = dt.date.fromtimestamp(now)
    if day not in days:
        day -= dt.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= dt.timedelta(days=1)
    return count


@dataclass(frozen=True)
class Suggestion:
    """What to practise next, and why."""

    slug: str
    reason: str
    review: bool
    """A passed kata due again (start a fresh round), rather than a new one."""


def suggestions(katas, rows: dict[str, KataProgress], now: float) -> list[Suggestion]:
    """What to practise next, best first: the most overdue review (a passed kata whose
    interval is over: spaced repetition works only if reviews are done when due), then the
    first kata of the learning path not passed yet (``katas`` in path order), then, when
    everything is passed and nothing is due, the review coming soonest."""
    found = []
    due = sorted((rows[k.slug] for k in katas if rows[k.slug].status == "passed"
                  and rows[k.slug].is_due(now)), key=lambda p: p.due_at)
    if due:
        found.append(Suggestion(due[0].slug, f"due for review since {_ago(now - due[0].due_at)}",
                                True))
    fresh = [k for k in katas if rows[k.slug].status != "passed"]
    if fresh:
        status = rows[fresh[0].slug].status
        found.append(Suggestion(fresh[0].slug, "the first kata of your path not passed yet"
                                + (" (you have started it)" if status == "attempted" else ""),
                                False))
    if not found:
        upcoming = sorted((rows[k.slug] for k in katas if rows[k.slug].due_at is not None),
                          key=lambda p: p.due_at)
        if upcoming:
            found.append(Suggestion(upcoming[0].slug, f"every kata is passed; this one is due "
                                    f"again first (in {_ago(upcoming[0].due_at - now)})", True))
    return found


def _ago(seconds: float) -> str:
    """3 d, 5 h, 20 min."""
    seconds = max(seconds, 0)
    if seconds >= DAY:
        return f"{round(seconds / DAY)} d"
    if seconds >= 3600:
        return f"{round(seconds / 3600)} h"
    return f"{max(round(seconds / 60), 1)} min"
