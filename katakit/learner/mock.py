"""A timed mock interview: the rules, the clock, the record and the scorecard (no terminal I/O).

The clock is injected (``clock()`` returns wall seconds), so tests can run a whole interview
in milliseconds; the terminal side lives in ``katakit.commands.mock``. The clock never stops:
leaving and resuming an interview does not give time back, as in a real one.

Scoring, each rubric item out of 4:

- correctness (api, shapes, correctness checks), convergence, vectorization, robustness and
  speed vs reference: 4 x the share of the item's checks that passed in the last grade of each
  kata; 0 when any of them is todo or skip (not attempted, or could not run): unfinished work
  earns nothing. An item the kata has no checks for is left out.
- follow-up questions: 4 x the share answered right within the time limit.
- time used: 4 when every check (the quiz aside) passed within half the time box, 3 within
  three quarters, 2 later, 0 when the code did not pass.

Overall: the mean of the items minus ``HINT_COST`` per hint, and at most
``WRONG_ALGORITHM_CAP`` (D at best) unless correctness and convergence are 4: a wrong algorithm
is never a hire, however fast or tidy. Practise next: up to two things, "finish the
implementation" first when something was not attempted, then the weakest items.
"""

from __future__ import annotations

import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from katakit import catalog, paths
from katakit.learner import progress as stats
from katakit.catalog import quiz as answer_key
from katakit.learner.history import History

FOLLOW_UPS = 3
HINT_COST = 0.5  # points off the overall score (out of 4) per hint
RUBRIC = (  # (rubric item, categories of checks it is made of)
    ("correctness", ("api", "shapes", "correctness")),
    ("convergence", ("convergence",)),
    ("vectorization", ("vectorization",)),
    ("robustness", ("robustness",)),
    ("speed vs reference", ("performance",)),
)
ADVICE = {
    "correctness": "get the API, shapes and values right first: re-read the spec, then `hint`",
    "convergence": "check the order inside the epoch loop and the gradient scale",
    "vectorization": "replace loops over samples/features with matrix products",
    "robustness": "never modify inputs in place; NumPy only",
    "speed vs reference": "avoid copies and (n, n) intermediates inside the loop",
    "follow-up questions": "review the quiz explanations: python grader.py quiz {kata}",
    "time used": "practise {kata} again until it fits comfortably in the time box",
}
WRONG_ALGORITHM_CAP = 1.9  # the best overall while correctness or convergence is below 4
GRADES = ((3.5, "A — strong hire"), (2.75, "B — hire"), (2.0, "C — lean hire"),
          (1.0, "D — lean no hire"), (float("-inf"), "F — no hire"))


def choose_katas(history: History, difficulty: str | None, now: float) -> list[str]:
    """By default one kata not yet passed, else one due for review, else the least recent."""
    katas = [k for k in catalog.all_katas() if difficulty in (None, k.difficulty)]
    if not katas:
        raise ValueError(f"no kata has difficulty {difficulty!r}")
    rows = [(k, stats.kata_progress(k, history)) for k in katas]
    for wanted in (lambda p: p.status != "passed", lambda p: p.is_due(now)):
        matching = [k.slug for k, p in rows if wanted(p)]
        if matching:
            return [matching[0]]
    return [min(rows, key=lambda row: row[1].last_attempt or 0)[0].slug]


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
    def start(cls, history: History, katas, minutes: float, clock) -> "Session":
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
        history.record_mock_event(mock_id, "start", {"katas": katas, "minutes": minutes})
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
    def resume(cls, history: History, clock) -> "Session | None":
        session = cls.unfinished(history, clock)
        if session is not None:
            history.set_mock_state(session.mock_id, "running")
            history.record_mock_event(session.mock_id, "resume", {})
        return session

    def resumable(self) -> bool:
        """Time is left on the clock, or the follow-up questions are waiting."""
        return self.remaining() > 0 or self.code_phase_over()

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
    def record_grade(self, report) -> None:
        self.history.record_mock_event(self.mock_id, "grade", {
            "kata": report.kata, "verdict": report.verdict.value, "elapsed": self.elapsed(),
            "checks": report.to_json_dict()["checks"]})

    def take_hint(self, slug: str) -> tuple[int, str] | None:
        used = sum(1 for _, kind, d in self.events() if kind == "hint" and d["kata"] == slug)
        hints = catalog.load(slug).hints
        if used >= len(hints):
            return None
        self.history.record_mock_event(self.mock_id, "hint", {"kata": slug, "index": used})
        self.history.record_hint(slug, used)
        return used, hints[used].text

    def end_code_phase(self, reason: str) -> None:
        self.history.record_mock_event(self.mock_id, "code_phase_end", {
            "reason": reason, "elapsed": self.elapsed()})
        self.history.set_mock_state(self.mock_id, "questions")

    def interrupt(self) -> None:
        self.history.set_mock_state(self.mock_id, "interrupted")

    def abandon(self) -> None:
        """Set aside for good: ``resume`` no longer finds it."""
        self.history.set_mock_state(self.mock_id, "abandoned")

    def code_phase_over(self) -> bool:
        return any(kind == "code_phase_end" for _, kind, _ in self.events())

    def follow_ups(self):
        """The interviewer's questions, drawn from the katas' quizzes (stable per session)."""
        pool = [(slug, q) for slug in self.katas for q in catalog.load(slug).quiz]
        random.Random(self.mock_id).shuffle(pool)
        asked = {d["question"] for _, kind, d in self.events() if kind == "answer"}
        return [(slug, q) for slug, q in pool[:FOLLOW_UPS] if q.id not in asked]

    def answer(self, slug: str, question, answer, seconds: float, limit: float) -> bool:
        late = seconds > limit
        correct = not late and answer is not None and \
            answer_key.problem_with(question, answer) is None
        self.history.record_mock_event(self.mock_id, "answer", {
            "kata": slug, "question": question.id, "answer": answer, "correct": correct,
            "late": late, "seconds": round(seconds, 1)})
        self.history.record_quiz_answer(slug, question.id, answer, correct, origin="mock")
        return correct

    def events(self):
        return self.history.mock_events(self.mock_id)

    def finish(self) -> dict:
        card = scorecard(self.events(), self.minutes, self.katas)
        timed_out = any(kind == "code_phase_end" and d["reason"] == "time"
                        for _, kind, d in self.events())
        self.history.set_mock_state(self.mock_id, "timed_out" if timed_out else "finished",
                                    card)
        return card


def scorecard(events, minutes: float, katas=()) -> dict:
    """An interviewer's rubric (0-4 per item), the overall grade and what to practise next."""
    final = {}
    for _, kind, detail in events:
        if kind == "grade":
            final[detail["kata"]] = detail  # the last grade of each kata counts
    items, todo, blocked = _check_items(final)
    answers = [d for _, kind, d in events if kind == "answer"]
    items["follow-up questions"] = 4 * sum(a["correct"] for a in answers) / len(answers) \
        if answers else 0.0
    end = next((d for _, kind, d in events if kind == "code_phase_end"), None)
    used = end["elapsed"] if end else minutes * 60
    passed = bool(final) and all(c["status"] == "pass" for g in final.values()
                                 for c in g["checks"] if c["category"] != "quiz")
    share = used / (minutes * 60) if minutes else 1.0
    items["time used"] = (4.0 if share <= 0.5 else 3.0 if share <= 0.75 else 2.0) if passed \
        else 0.0
    hints = sum(1 for _, kind, _ in events if kind == "hint")
    overall = max(sum(items.values()) / len(items) - HINT_COST * hints, 0.0)
    wrong = items.get("correctness", 0) < 4 or items.get("convergence", 4) < 4
    capped = wrong and overall > WRONG_ALGORITHM_CAP  # the cap lowered the score
    if capped:
        overall = WRONG_ALGORITHM_CAP
    grade = next(label for threshold, label in GRADES if overall >= threshold)
    skip = set(todo) | set(blocked) | ({"time used"} if not passed else set())
    return {"items": {k: round(v, 2) for k, v in items.items()}, "hints": hints,
            "time_used_s": round(used, 1), "minutes": minutes, "passed": passed,
            "overall": round(overall, 2), "grade": grade, "capped": capped,
            "practise_next": _advice(items, todo, skip, katas)}


def _check_items(final: dict) -> tuple[dict, list, list]:
    """Rubric items made of checks; also those not attempted (a check is todo) and those
    that could not run (skips behind an earlier failure). Items with no checks are left out."""
    items, todo, blocked = {}, [], []
    for item, categories in RUBRIC:
        statuses = [c["status"] for g in final.values() for c in g["checks"]
                    if c["category"] in categories]
        if not statuses and final:
            continue  # this kata has no such checks
        if "todo" in statuses or not statuses:
            todo.append(item)
        elif "skip" in statuses and set(statuses) <= {"pass", "skip"}:
            blocked.append(item)
        unfinished = not statuses or {"todo", "skip"} & set(statuses)
        items[item] = 0.0 if unfinished else 4 * statuses.count("pass") / len(statuses)
    return items, todo, blocked


def _advice(items: dict, todo: list, skip: set, katas) -> list[str]:
    """Up to two things to practise next: unfinished work first, then the weakest items."""
    advice = [f"finish the implementation: {', '.join(todo)} not attempted yet"] if todo \
        else []
    order = list(items)
    weakest = sorted((k for k in items if items[k] < 4 and k not in skip),
                     key=lambda k: (items[k], order.index(k)))
    kata = " / ".join(katas) or "KATA"
    advice += [f"{k}: {ADVICE[k].format(kata=kata)}" for k in weakest]
    return advice[:2] or ["nothing pressing: try a harder kata (python grader.py mock "
                          "--difficulty medium)"]
