"""A timed mock interview: the rules, the clock, the record and the scorecard (no terminal I/O).

The clock is injected (``clock()`` returns wall seconds), so tests can run a whole interview
in milliseconds; the terminal side lives in ``katakit.commands.mock``. The clock never stops:
leaving and resuming an interview does not give time back, as in a real one.

During the coding part a submission is graded in full but the candidate sees only which areas
pass (:func:`areas_of`); the full report comes with the scorecard, as in an interview where the
interviewer runs their tests and tells you the verdict at the end.

Scoring, each rubric item out of 4:

- correctness (shapes and correctness checks, and api checks that fail), convergence, vectorization, robustness and
  speed vs reference: 4 x the share of the area's checks that passed in the last grade of each
  kata. A check not attempted (todo) has not passed, so an untouched stub scores 0 and
  half-done work scores its share. A check that could not be measured because something it
  needs failed first (skip) is left out of its area's share: that failure counts where it is.
  An area with no check measured, or none for this kata, is left out.
- follow-up questions: the share of the rubric points the candidate says their answers made
  (self-assessed; an answer given after the time limit, or none, makes no point), times 4.
- time used: 4 when every check (the quiz aside) passed within half the time box, 3 within
  three quarters, 2 later, 0 when the code did not pass.

Overall: the mean of the items minus ``HINT_COST`` per hint (never below 0), and

- at most ``WRONG_ALGORITHM_CAP`` (D at best) unless correctness and convergence are 4: a wrong
  algorithm is never a hire, however fast or tidy;
- at most ``FLAGGED_CAP`` (B at best) when the solution was implausibly fast: every check
  passed within a fifth (``FAST_SHARE``) of the katas' interview minutes (6 minutes for a
  30-minute kata). That is what a pasted solution looks like; an interviewer would ask you to
  walk through it before believing it, so the scorecard says so and an A needs a slower,
  visible pace.

Practise next: up to two things, "finish the implementation" first when something was not
attempted, then the weakest areas with the checks that failed named.
"""

from __future__ import annotations

import dataclasses
import enum
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from katakit import catalog, paths
from katakit.learner import progress as stats
from katakit.learner.history import History, MockState
from katakit.results import FAILING, Category, CheckResult, Report, Status

FOLLOW_UPS = 3
FOLLOW_UP_SECONDS = 90.0
HINT_COST = 0.5  # points off the overall score (out of 4) per hint
AREAS = (  # (rubric area, categories of checks it is made of)
    ("correctness", ("api", "shapes", "correctness")),
    ("convergence", ("convergence",)),
    ("vectorization", ("vectorization",)),
    ("robustness", ("robustness",)),
    ("speed vs reference", ("performance",)),
)
FOLLOW_UP_ITEM, TIME_ITEM = "follow-up questions", "time used"
ADVICE = {
    "correctness": "get the API, shapes and values right first: re-read the spec, then `hint`",
    "convergence": "check the order inside the epoch loop and the gradient scale",
    "vectorization": "replace loops over samples/features with matrix products",
    "robustness": "never modify inputs in place; NumPy only",
    "speed vs reference": "avoid copies and (n, n) intermediates inside the loop",
    FOLLOW_UP_ITEM: "explain the maths out loud: re-read the statement and the quiz "
                    "explanations",
    TIME_ITEM: "practise it again until it fits comfortably in the time box",
}
WRONG_ALGORITHM_CAP = 1.9  # the best overall while correctness or convergence is below 4
FAST_SHARE = 0.2  # a full pass within this share of the katas' minutes is flagged
FLAGGED_CAP = 3.49  # the best overall of a flagged (implausibly fast) interview: a B
GRADES = ((3.5, "A — strong hire"), (2.75, "B — hire"), (2.0, "C — lean hire"),
          (1.0, "D — lean no hire"), (float("-inf"), "F — no hire"))


class Event(enum.StrEnum):
    """What the record of an interview is made of (stored as the value)."""

    START = "start"
    RESUME = "resume"
    GRADE = "grade"
    HINT = "hint"
    CODE_PHASE_END = "code_phase_end"
    ANSWER = "answer"


class EndReason(enum.StrEnum):
    DONE = "done"  # the candidate said so
    TIME = "time"  # the clock ran out


def choose_katas(history: History, now: float, difficulty: str | None = None,
                 track: str | None = None) -> list[str]:
    """By default one kata not yet passed, else one due for review, else the least recent;
    ``difficulty`` and ``track`` narrow the choice."""
    katas = [k for k in catalog.all_katas()
             if difficulty in (None, k.difficulty) and track in (None, k.track)]
    if not katas:
        wanted = " ".join(w for w in (difficulty, track and f"{track} track") if w)
        raise ValueError(f"no kata is {wanted}")
    rows = [(k, stats.kata_progress(k, history)) for k in katas]
    for wanted in (lambda p: p.status != "passed", lambda p: p.is_due(now)):
        matching = [k.slug for k, p in rows if wanted(p)]
        if matching:
            return [matching[0]]
    return [min(rows, key=lambda row: row[1].last_attempt or 0)[0].slug]


# what the candidate sees while coding -------------------------------------------------------

@dataclass(frozen=True)
class Area:
    """One rubric area of a graded submission."""

    name: str
    passed: int
    total: int
    failing: tuple[str, ...] = ()
    """Checks that failed, raised or timed out."""
    todo: tuple[str, ...] = ()
    """Checks not attempted yet."""
    blocked: tuple[str, ...] = ()
    """Checks that could not be measured because something they need failed first."""

    @property
    def measured(self) -> int:
        return self.total - len(self.blocked)

    @property
    def score(self) -> float | None:
        """4 x the share of the measured checks that passed; None when none was measured."""
        return 4 * self.passed / self.measured if self.measured else None

    @property
    def passes(self) -> bool:
        return self.total > 0 and self.passed == self.total


def areas_of(checks) -> list[Area]:
    """The rubric areas of some checks (quiz checks aside), in rubric order; areas with no
    checks are left out. An api check (the file loads, the names exist) counts only when it
    fails: the untouched stub passes them, so they say nothing about the work."""
    areas = []
    for name, categories in AREAS:
        mine = [c for c in checks if c.category in categories
                and not (c.category is Category.API and c.status is Status.PASS)]
        if mine:
            areas.append(Area(name, sum(c.status is Status.PASS for c in mine), len(mine),
                              tuple(c.id for c in mine if c.status in FAILING),
                              tuple(c.id for c in mine if c.status is Status.TODO),
                              tuple(c.id for c in mine if c.status is Status.SKIP)))
    return areas


def without_quiz(report: Report) -> Report:
    """The report as the mock shows it: the quiz is not part of an interview."""
    return Report(report.kata, report.target, report.seed, report.duration_s,
                  tuple(c for c in report.checks if c.category is not Category.QUIZ))


# the scorecard ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Advice:
    text: str
    command: tuple[str, ...] = ()
    """Arguments of the kit command that helps (rendered by the command line)."""


@dataclass(frozen=True)
class Scorecard:
    """An interviewer's rubric (0-4 per item), the overall grade and what to practise next."""

    areas: tuple[Area, ...]
    follow_ups: float | None
    """Score of the follow-up questions, None when none was asked."""
    time_score: float
    hints: int
    time_used_s: float
    minutes: float
    passed: bool
    """Every check (the quiz aside) passed in the last grade."""
    overall: float
    grade: str
    capped: bool
    """The wrong-algorithm cap lowered the overall score."""
    flagged: str = ""
    """Why the solution looks implausibly fast (empty when it does not)."""
    practise_next: tuple[Advice, ...] = field(default_factory=tuple)

    @property
    def items(self) -> dict[str, float]:
        """Every scored item (an area not measured is left out)."""
        items = {area.name: round(area.score, 2) for area in self.areas
                 if area.score is not None}
        if self.follow_ups is not None:
            items[FOLLOW_UP_ITEM] = round(self.follow_ups, 2)
        items[TIME_ITEM] = self.time_score
        return items

    def to_json(self) -> dict:
        return {"items": self.items, "hints": self.hints,
                "time_used_s": round(self.time_used_s, 1), "minutes": self.minutes,
                "passed": self.passed, "overall": round(self.overall, 2), "grade": self.grade,
                "capped": self.capped, "flagged": self.flagged,
                "areas": {a.name: {"passed": a.passed, "total": a.total,
                                   "failing": list(a.failing), "todo": list(a.todo),
                                   "blocked": list(a.blocked)} for a in self.areas},
                "practise_next": [{"text": a.text, "command": list(a.command)}
                                  for a in self.practise_next]}


def scorecard(events, minutes: float, katas=(), kata_minutes: float | None = None
              ) -> Scorecard:
    """Score an interview from its record. ``kata_minutes`` (default: the katas' interview
    minutes) sets what counts as implausibly fast."""
    final = last_reports(events)
    checks = [c for report in final.values() for c in report.checks]
    areas = tuple(areas_of(checks)) if final else tuple(
        Area(name, 0, 0) for name, _ in AREAS)
    answers = [d for _, kind, d in events if kind == Event.ANSWER]
    points = sum(a.get("points", 0) for a in answers)
    of = sum(a.get("of", 0) for a in answers)
    follow_ups = 4 * points / of if of else (0.0 if answers else None)
    end = next((d for _, kind, d in events if kind == Event.CODE_PHASE_END), None)
    used = end["elapsed"] if end else minutes * 60
    passed = bool(checks) and all(c.status is Status.PASS for c in checks
                                  if c.category is not Category.QUIZ)
    share = used / (minutes * 60) if minutes else 1.0
    time_score = (4.0 if share <= 0.5 else 3.0 if share <= 0.75 else 2.0) if passed else 0.0
    hints = sum(1 for _, kind, _ in events if kind == Event.HINT)
    scores = [a.score for a in areas if a.score is not None] + \
        ([follow_ups] if follow_ups is not None else []) + [time_score]
    overall = max(sum(scores) / len(scores) - HINT_COST * hints, 0.0)
    by_name = {a.name: a for a in areas}
    wrong = not by_name.get("correctness", Area("", 0, 0)).passes or \
        ("convergence" in by_name and not by_name["convergence"].passes)
    capped = wrong and overall > WRONG_ALGORITHM_CAP
    if capped:
        overall = WRONG_ALGORITHM_CAP
    if kata_minutes is None:
        kata_minutes = sum(catalog.load(slug).minutes for slug in katas) or minutes
    flagged = too_fast(events, kata_minutes)
    if flagged:
        overall = min(overall, FLAGGED_CAP)
    grade = next(label for threshold, label in GRADES if overall >= threshold)
    card = Scorecard(areas, follow_ups, time_score, hints, used, minutes, passed, overall,
                     grade, capped, flagged)
    return dataclasses.replace(card, practise_next=tuple(_advice(card, katas)))


def first_full_pass(events) -> float | None:
    """Seconds into the interview of the first grade where every kata passed every check
    (the quiz aside)."""
    wanted = set(next((d["katas"] for _, kind, d in events if kind == Event.START), ()))
    latest = {}
    for _, kind, detail in events:
        if kind != Event.GRADE:
            continue
        latest[detail["kata"]] = detail["report"]["checks"]
        if set(latest) >= wanted and all(c["status"] == "pass" for checks in latest.values()
                                         for c in checks if c["category"] != "quiz"):
            return detail["elapsed"]
    return None


def too_fast(events, kata_minutes: float) -> str:
    """Why the interview looks pasted (see the module docstring), or ""."""
    seconds = first_full_pass(events)
    limit = FAST_SHARE * kata_minutes * 60
    if seconds is None or seconds >= limit:
        return ""
    return (f"every check passed {_clock(seconds)} into the interview, under a fifth of the "
            f"kata's {kata_minutes:g} minutes ({_clock(limit)}): that is what a pasted "
            "solution looks like, so the grade is at most B")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def last_reports(events) -> dict[str, Report]:
    """The last graded report of each kata, rebuilt from the record."""
    final = {}
    for _, kind, detail in events:
        if kind == Event.GRADE:
            final[detail["kata"]] = report_from_json(detail["report"])
    return final


def report_from_json(data: dict) -> Report:
    checks = tuple(CheckResult(c["id"], Category(c["category"]), Status(c["status"]),
                               c.get("message", ""), c.get("title", "")) for c in data["checks"])
    return Report(data["kata"], data["target"], data["seed"], data["duration_s"], checks)


def report_to_json(report: Report) -> dict:
    data = report.to_json_dict()
    for check, result in zip(data["checks"], report.checks):
        check["title"] = result.title
    return data


def _advice(card: Scorecard, katas) -> list[Advice]:
    """Up to two things to practise next: unfinished work first, then the weakest items, each
    naming the checks that failed."""
    kata = katas[0] if len(katas) == 1 else None
    advice = []
    unfinished = [a for a in card.areas if a.todo]
    if unfinished:
        names = [c for a in unfinished for c in a.todo]
        advice.append(Advice(f"finish the implementation: {', '.join(a.name for a in unfinished)}"
                             f" not done yet ({_some(names)})"))
    if card.flagged:
        advice.append(Advice("write it yourself at interview pace, saying out loud what each "
                             "line does", ("mock", *katas)))
    weak = sorted((a for a in card.areas if a.failing),
                  key=lambda a: (a.score or 0, [x.name for x in card.areas].index(a.name)))
    for area in weak:
        verb = "fails" if len(area.failing) == 1 else "fail"
        advice.append(Advice(f"{area.name} ({area.passed} of {area.total} checks pass): "
                             f"{_some(area.failing)} {verb} — {ADVICE[area.name]}"))
    if card.follow_ups is not None and card.follow_ups < 4:
        advice.append(Advice(f"{FOLLOW_UP_ITEM}: {ADVICE[FOLLOW_UP_ITEM]}",
                             ("quiz", kata) if kata else ()))
    if card.passed and card.time_score < 4:
        advice.append(Advice(f"{TIME_ITEM}: {ADVICE[TIME_ITEM]}",
                             ("start", kata, "--fresh") if kata else ()))
    if not advice:
        advice.append(_harder(katas))
    return advice[:2]


def _some(ids, shown=3) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def _harder(katas) -> Advice:
    levels = [catalog.load(slug).difficulty for slug in katas] or ["easy"]
    existing = {k.difficulty for k in catalog.all_katas()}
    above = [d for d in catalog.DIFFICULTIES
             if catalog.DIFFICULTIES.index(d) > max(map(catalog.DIFFICULTIES.index, levels))
             and d in existing]
    if above:
        return Advice("nothing pressing: try a harder kata", ("mock", "--difficulty", above[0]))
    return Advice("nothing pressing: try a kata of another track", ("next",))


# the session ---------------------------------------------------------------------------------

@dataclass
class Session:
    """One mock interview, backed by the history (so it can be resumed from another process)."""

    history: History
    mock_id: int
    katas: list
    started_at: float
    minutes: float
    folder: Path
    clock: object

    @classmethod
    def start(cls, history: History, katas, minutes: float, clock,
              follow_up_seconds: float = FOLLOW_UP_SECONDS) -> "Session":
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
        folder = paths.workspace_dir() / f"mock-{stamp}"
        suffix = 1
        while folder.exists():
            suffix += 1
            folder = paths.workspace_dir() / f"mock-{stamp}-{suffix}"
        folder.mkdir(parents=True)
        mock_id = history.start_mock(katas, minutes, str(folder))
        for slug in katas:  # a fresh attempt file per kata, apart from the learner's work
            shutil.copy(catalog.load(slug).stub_path, folder / f"{slug}.py")
        session = cls(history, mock_id, list(katas), clock(), minutes, folder, clock)
        history.record_mock_event(mock_id, Event.START, {
            "katas": list(katas), "minutes": minutes, "follow_up_seconds": follow_up_seconds})
        return session

    @classmethod
    def unfinished(cls, history: History, clock) -> "Session | None":
        """The latest mock interview that has not ended, as it is (nothing recorded)."""
        mock = history.open_mock()
        if mock is None:
            return None
        return cls(history, mock["id"], mock["katas"], mock["started_at"], mock["minutes"],
                   Path(mock["folder"]), clock)

    @classmethod
    def resume(cls, history: History, clock, follow_up_seconds: float | None = None
               ) -> "Session | None":
        """Continue the unfinished interview; its follow-up time limit stays the one it was
        started with unless ``follow_up_seconds`` changes it."""
        session = cls.unfinished(history, clock)
        if session is not None:
            history.set_mock_state(session.mock_id, MockState.QUESTIONS
                                   if session.code_phase_over() else MockState.RUNNING)
            detail = {} if follow_up_seconds is None else \
                {"follow_up_seconds": follow_up_seconds}
            history.record_mock_event(session.mock_id, Event.RESUME, detail)
        return session

    def resumable(self) -> bool:
        """Time is left on the clock, or the follow-up questions are waiting."""
        return self.remaining() > 0 or self.code_phase_over()

    @property
    def follow_up_seconds(self) -> float:
        """The time limit per follow-up question: as started, or as last changed on resume."""
        limit = FOLLOW_UP_SECONDS
        for _, kind, detail in self.events():
            if kind in (Event.START, Event.RESUME) and "follow_up_seconds" in detail:
                limit = detail["follow_up_seconds"]
        return limit

    # the clock -------------------------------------------------------------------------------
    @property
    def deadline(self) -> float:
        return self.started_at + self.minutes * 60

    def remaining(self) -> float:
        return max(self.deadline - self.clock(), 0.0)

    def elapsed(self) -> float:
        return min(self.clock(), self.deadline) - self.started_at

    def files(self) -> dict[str, Path]:
        return {slug: self.folder / f"{slug}.py" for slug in self.katas}

    # events ----------------------------------------------------------------------------------
    def record_grade(self, report: Report) -> None:
        self.history.record_mock_event(self.mock_id, Event.GRADE, {
            "kata": report.kata, "verdict": report.verdict.value, "elapsed": self.elapsed(),
            "report": report_to_json(report)})

    def take_hint(self, slug: str) -> tuple[int, str] | None:
        used = sum(1 for _, kind, d in self.events() if kind == Event.HINT and d["kata"] == slug)
        hints = catalog.load(slug).hints
        if used >= len(hints):
            return None
        self.history.record_mock_event(self.mock_id, Event.HINT, {"kata": slug, "index": used})
        self.history.record_hint(slug, used)
        return used, hints[used].text

    def end_code_phase(self, reason: EndReason) -> None:
        self.history.record_mock_event(self.mock_id, Event.CODE_PHASE_END, {
            "reason": EndReason(reason).value, "elapsed": self.elapsed()})
        self.history.set_mock_state(self.mock_id, MockState.QUESTIONS)

    def interrupt(self) -> None:
        self.history.set_mock_state(self.mock_id, MockState.INTERRUPTED)

    def abandon(self) -> None:
        """Set aside for good: ``resume`` no longer finds it."""
        self.history.set_mock_state(self.mock_id, MockState.ABANDONED)

    def code_phase_over(self) -> bool:
        return any(kind == Event.CODE_PHASE_END for _, kind, _ in self.events())

    def last_reports(self) -> dict[str, Report]:
        return last_reports(self.events())

    def all_follow_ups(self) -> list[tuple[str, catalog.manifest.FollowUp]]:
        """The interviewer's questions, drawn from the katas' own follow-up pools (not the
        practice quiz); the same ones however often the session is resumed."""
        pool = [(slug, q) for slug in self.katas for q in catalog.load(slug).follow_ups]
        random.Random(self.mock_id).shuffle(pool)
        return pool[:FOLLOW_UPS]

    def follow_ups(self) -> list[tuple[str, catalog.manifest.FollowUp]]:
        """The interviewer's questions not answered yet."""
        asked = {(d["kata"], d["question"]) for _, kind, d in self.events()
                 if kind == Event.ANSWER}
        return [(slug, q) for slug, q in self.all_follow_ups() if (slug, q.id) not in asked]

    def answer(self, slug: str, question, answer: str | None, points: int, seconds: float,
               limit: float) -> int:
        """Record an answer and the rubric points the candidate gives it; no answer, or one
        after the time limit, makes no point. Returns the points that count."""
        late = seconds > limit
        counted = 0 if late or answer is None else max(0, min(points, len(question.rubric)))
        self.history.record_mock_event(self.mock_id, Event.ANSWER, {
            "kata": slug, "question": question.id, "answer": answer, "points": counted,
            "of": len(question.rubric), "late": late, "seconds": round(seconds, 1)})
        return counted

    def events(self):
        return self.history.mock_events(self.mock_id)

    def finish(self) -> Scorecard:
        events = self.events()
        card = scorecard(events, self.minutes, self.katas)
        timed_out = any(kind == Event.CODE_PHASE_END and d["reason"] == EndReason.TIME
                        for _, kind, d in events)
        self.history.set_mock_state(self.mock_id, MockState.TIMED_OUT if timed_out else
                                    MockState.FINISHED, card.to_json())
        return card
