"""Grade a folder of submissions, one grader subprocess each, in parallel.

Each submission is graded by exactly the command a learner would run (``check --json``), in
its own process, from a private copy of the file, so a hang, crash or output flood can only
ever affect its own row, and its verdict is identical to grading the file alone with the same
seed. Code written by others is graded with isolation required (Linux namespaces, see
``katakit.candidate.isolation``): no submission can see, signal or wait on another's
processes or files, and whatever a submission leaves running dies with its grader. Without
isolation batch refuses, unless the instructor asks for ``--no-isolation``, which then shows in
every row.

The reports are rewritten after every finished row (to a temporary file, then renamed), so an
interrupted batch keeps every row finished so far and never leaves an empty file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from katakit import paths
from katakit.catalog import Kata
from katakit.results import FAILING, Category, Status
from katakit.text import clean

ROW_TIMEOUT_S = 600  # a whole check of even a hanging submission takes well under a minute


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path


@dataclass(frozen=True)
class Row:
    """The outcome of one submission."""

    student: str
    file: str
    verdict: str
    """pass, fail, todo, or error when the grader itself could not produce a report."""
    categories: dict = field(default_factory=dict)
    """category -> (checks passed, checks in the category)."""
    failing: tuple[str, ...] = ()
    duration_s: float = 0.0
    seed: int = 0
    message: str = ""
    checks: tuple = ()
    isolation: str = ""
    timed_out: tuple[str, ...] = ()
    """The failing checks that failed by running out of time (a hang, not a wrong answer)."""


def discover(kata: Kata, folder: Path) -> tuple[list[Submission], list[str]]:
    """The submissions, sorted by student, and what was left out and why.

    ``folder/*.py`` is named by its file, ``folder/<student>/<kata>.py`` by its folder; when
    both forms give the same name, both rows are named by their path instead. Hidden entries
    (``.git``, ``__pycache__`` ...) are left out silently: nobody hands those in.
    """
    found, ignored = [], []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "__")):
            continue
        if entry.is_dir():
            inside = entry / f"{kata.slug}.py"
            if inside.is_file():
                found.append(Submission(clean(entry.name, 200), inside))
            else:
                ignored.append(clean(f"{entry.name}/ (no {kata.slug}.py inside)", 300))
        elif entry.suffix == ".py":
            found.append(Submission(clean(entry.stem, 200), entry))
        else:
            ignored.append(clean(f"{entry.name} (not a .py file)", 300))
    names = Counter(s.student for s in found)
    found = [s if names[s.student] == 1 else
             Submission(clean(str(s.path.relative_to(folder)), 300), s.path) for s in found]
    return sorted(found, key=lambda s: (s.student.lower(), s.student)), ignored


def grade_one(kata: Kata, submission: Submission, seed: int, isolation: str) -> Row:
    """Grade a private copy of the submission in its own grader process."""
    with tempfile.TemporaryDirectory(prefix="katakit-batch-") as private:
        copy = Path(private) / f"{kata.slug}.py"
        shutil.copyfile(submission.path, copy)
        command = [sys.executable, "-m", "katakit", "check", kata.slug, "--file", str(copy),
                   "--json", "--seed", str(seed), "--no-record"]
        env = {**os.environ, "KATAKIT_ISOLATION": isolation}
        try:
            result = subprocess.run(command, capture_output=True, text=True,
                                    cwd=paths.kit_root(), timeout=ROW_TIMEOUT_S, env=env,
                                    start_new_session=True)
            report = json.loads(result.stdout)
        except subprocess.TimeoutExpired:
            return Row(submission.student, str(submission.path), "error", seed=seed,
                       message=f"grading took longer than {ROW_TIMEOUT_S} s")
        except json.JSONDecodeError:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            return Row(submission.student, str(submission.path), "error", seed=seed,
                       message=clean(last, 500))
    return _row(submission, report)


def _row(submission: Submission, report: dict) -> Row:
    categories = {}
    for category in Category:
        mine = [c for c in report["checks"] if c["category"] == category.value]
        categories[category.value] = (sum(c["status"] == "pass" for c in mine), len(mine))
    failing = tuple(c["id"] for c in report["checks"] if c["status"] in FAILING)
    timed_out = tuple(c["id"] for c in report["checks"] if c["status"] == Status.TIMEOUT)
    return Row(submission.student, str(submission.path), report["verdict"], categories,
               failing, report["duration_s"], report["seed"], checks=tuple(report["checks"]),
               isolation=report.get("isolation", ""), timed_out=timed_out)


def grade_all(kata: Kata, submissions, seed: int, jobs: int, isolation: str = "required",
              on_done=lambda row: None):
    """Rows in submission order; ``on_done`` is called as each one finishes."""
    def work(submission):
        row = grade_one(kata, submission, seed, isolation)
        on_done(row)
        return row

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        return list(pool.map(work, submissions))


def report_paths(base: Path) -> tuple[Path, Path]:
    """``base.csv`` and ``base.json``; a ``.csv`` or ``.json`` ending on ``base`` is dropped,
    any other dot stays (``grades.2024-fall`` -> ``grades.2024-fall.csv``)."""
    if base.suffix in (".csv", ".json"):
        base = base.with_suffix("")
    return base.with_name(base.name + ".csv"), base.with_name(base.name + ".json")


def prepare_reports(base: Path) -> tuple[Path, Path]:
    """Make sure the reports can be written before any grading starts; OSError if not."""
    paths_ = report_paths(base)
    paths_[0].parent.mkdir(parents=True, exist_ok=True)
    for path in paths_:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}."):
            pass
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(13, "not writable", str(path))
    return paths_


class Reports:
    """The CSV and JSON reports, rewritten whole after each finished row: each write goes to
    a temporary file that replaces the report atomically, so a report is never half written
    and an interrupted batch keeps every row finished so far."""

    def __init__(self, kata: Kata, seed: int, paths_: tuple[Path, Path], order: list[str]):
        self.kata, self.seed, self.paths = kata, seed, paths_
        self.order = {student: i for i, student in enumerate(order)}
        self.rows: list[Row] = []
        self._lock = threading.Lock()
        self.write()

    def add(self, row: Row) -> None:
        with self._lock:
            self.rows.append(row)
            self.rows.sort(key=lambda r: self.order.get(r.student, len(self.order)))
            self.write()

    def write(self) -> None:
        csv_path, json_path = self.paths
        _replace(csv_path, csv_text(self.rows))
        _replace(json_path, json.dumps(json_document(self.kata, self.rows, self.seed), indent=1))


def csv_text(rows) -> str:
    categories = [c.value for c in Category]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["student", "file", "verdict", *categories, "failing", "timed_out",
                     "duration_s", "seed", "isolation", "message"])
    for row in rows:
        cells = [f"{row.categories[c][0]}/{row.categories[c][1]}" if row.categories else ""
                 for c in categories]
        writer.writerow([row.student, row.file, row.verdict, *cells, " ".join(row.failing),
                         " ".join(row.timed_out), f"{row.duration_s:.3f}", row.seed,
                         row.isolation, row.message])
    return buffer.getvalue()


def json_document(kata: Kata, rows, seed: int) -> dict:
    return {"kata": kata.slug, "seed": seed, "submissions": [
        {"student": r.student, "file": r.file, "verdict": r.verdict,
         "categories": {c: {"passed": p, "total": t} for c, (p, t) in r.categories.items()},
         "failing": list(r.failing), "timed_out": list(r.timed_out),
         "duration_s": r.duration_s, "seed": r.seed, "isolation": r.isolation,
         "message": r.message, "checks": list(r.checks)} for r in rows]}


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    os.replace(temporary, path)
