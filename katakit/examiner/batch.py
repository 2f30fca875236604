"""Grade a folder of submissions, one grader subprocess each, in parallel.

Each submission is graded by exactly the command a learner would run (``check --json``), in
its own process, so a hang, crash or output flood can only ever affect its own row, and its
verdict is identical to grading the file alone with the same seed.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from katakit.catalog import Kata
from katakit import paths
from katakit.results import FAILING, Category

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
                found.append(Submission(entry.name, inside))
            else:
                ignored.append(f"{entry.name}/ (no {kata.slug}.py inside)")
        elif entry.suffix == ".py":
            found.append(Submission(entry.stem, entry))
        else:
            ignored.append(f"{entry.name} (not a .py file)")
    names = Counter(s.student for s in found)
    found = [s if names[s.student] == 1 else Submission(str(s.path.relative_to(folder)), s.path)
             for s in found]
    return sorted(found, key=lambda s: (s.student.lower(), s.student)), ignored


def grade_one(kata: Kata, submission: Submission, seed: int) -> Row:
    command = [sys.executable, "-m", "katakit", "check", kata.slug, "--file",
               str(submission.path.resolve()), "--json", "--seed", str(seed), "--no-record"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=paths.kit_root(),
                                timeout=ROW_TIMEOUT_S)
        report = json.loads(result.stdout)
    except subprocess.TimeoutExpired:
        return Row(submission.student, str(submission.path), "error", seed=seed,
                   message=f"grading took longer than {ROW_TIMEOUT_S} s")
    except json.JSONDecodeError:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return Row(submission.student, str(submission.path), "error", seed=seed,
                   message=last)
    return _row(submission, report)


def _row(submission: Submission, report: dict) -> Row:
    categories = {}
    for category in Category:
        mine = [c for c in report["checks"] if c["category"] == category.value]
        categories[category.value] = (sum(c["status"] == "pass" for c in mine), len(mine))
    failing = tuple(c["id"] for c in report["checks"]
                    if c["status"] in FAILING)
    return Row(submission.student, str(submission.path), report["verdict"], categories,
               failing, report["duration_s"], report["seed"], checks=tuple(report["checks"]))


def grade_all(kata: Kata, submissions, seed: int, jobs: int, on_done=lambda row: None):
    """Rows in submission order; ``on_done`` is called as each one finishes."""
    def work(submission):
        row = grade_one(kata, submission, seed)
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
    paths = report_paths(base)
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    for path in paths:
        with open(path, "a", encoding="utf-8"):
            pass
    return paths


def write_reports(kata: Kata, rows, seed: int, paths: tuple[Path, Path]) -> None:
    """The CSV (one row per submission) and the JSON (with every check's message)."""
    csv_path, json_path = paths
    categories = [c.value for c in Category]
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "file", "verdict", *categories, "failing", "duration_s",
                         "seed", "message"])
        for row in rows:
            cells = [f"{row.categories[c][0]}/{row.categories[c][1]}" if row.categories
                     else "" for c in categories]
            writer.writerow([row.student, row.file, row.verdict, *cells, " ".join(row.failing),
                             f"{row.duration_s:.3f}", row.seed, row.message])
    document = {"kata": kata.slug, "seed": seed, "submissions": [
        {"student": r.student, "file": r.file, "verdict": r.verdict,
         "categories": {c: {"passed": p, "total": t} for c, (p, t) in r.categories.items()},
         "failing": list(r.failing), "duration_s": r.duration_s, "seed": r.seed,
         "message": r.message, "checks": list(r.checks)} for r in rows]}
    json_path.write_text(json.dumps(document, indent=1), encoding="utf-8")
