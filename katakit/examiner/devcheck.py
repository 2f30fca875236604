"""Prove a kata is sound, as ``python grader.py dev check [KATA ...]`` does for authors.

For each kata: the manifest loads and is complete (statement, stub, reference, checks, at
least 4 hints pointing at real checks, at least 5 quiz questions with explanations, at least
4 follow-up questions for the mock interview, a stub that asks every question and a
reference that answers them right, a quiz whose right choice is not the longest option in
more than half of its questions, the README row in step); then the
reference is graded (it must pass), the untouched stub (it must be ``todo``, nothing failing)
and every golden submission (it must get the verdict its name states and exactly the failing
checks its ``# expect-failing:`` line lists). Goldens are graded at one fixed seed, each in its
own grader process, several at once.

Every problem is a :class:`Finding` that says what is wrong and the command to look closer.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from katakit import catalog, paths
from katakit.catalog import quiz as answer_key
from katakit.results import FAILING
from katakit.text import source_text

GOLDEN_SEED = 7
MIN_HINTS, MIN_QUIZ, MIN_FOLLOW_UPS = 4, 5, 4
EXPECT = re.compile(r"^# expect-failing:(.*)$", re.MULTILINE)
NEVER_SAYS = re.compile(r"^# never-says:(.*)$", re.MULTILINE)
README_START, README_END = "<!-- katas:start -->", "<!-- katas:end -->"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a kata."""

    kata: str
    subject: str
    """What is wrong: ``manifest``, ``reference``, ``stub``, a golden's file name ..."""
    problem: str
    next_step: str = ""
    """The command that shows it up close."""


@dataclass(frozen=True)
class Expectation:
    """What a golden submission must get: its verdict and exactly these failing checks."""

    verdict: str
    failing: frozenset[str]
    never_says: tuple[str, ...] = ()
    """Text no message may contain (``# never-says:`` lines), e.g. the formula a statement
    keeps for the hints."""


def expectation(path: Path) -> Expectation:
    """From the file name (``fail__what.py``), its ``# expect-failing:`` line and its
    ``# never-says:`` lines."""
    source = source_text(path)
    match = EXPECT.search(source)
    failing = frozenset(n.strip() for n in match.group(1).split(",")) if match else frozenset()
    never = tuple(m.group(1).strip() for m in NEVER_SAYS.finditer(source))
    return Expectation(path.stem.split("__")[0], failing, never)


def goldens(kata: catalog.Kata) -> list[Path]:
    return sorted(kata.golden_dir.glob("*__*.py"))


# --- grading --------------------------------------------------------------------------------

def grade(kata: catalog.Kata, target: list[str], seed: int = GOLDEN_SEED) -> dict:
    """The JSON report of ``check KATA TARGET --seed SEED`` run as its own grader process,
    exactly as a learner would run it; ``{"problem": ...}`` when there is no report."""
    command = [sys.executable, "-m", "katakit", "check", kata.slug, *target, "--json",
               "--seed", str(seed), "--no-record"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=paths.kit_root(),
                            timeout=600)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"problem": (result.stderr.strip().splitlines() or ["no output"])[-1]}


def failing_checks(report: dict) -> frozenset[str]:
    return frozenset(c["id"] for c in report.get("checks", []) if c["status"] in FAILING)


def grading_jobs(kata: catalog.Kata) -> list[tuple[str, list[str], Expectation]]:
    """(subject, target arguments, expectation) for the reference, the stub and each golden."""
    jobs = [("reference", ["--reference"], Expectation("pass", frozenset())),
            ("stub", ["--file", str(kata.stub_path)], Expectation("todo", frozenset()))]
    jobs += [(path.name, ["--file", str(path)], expectation(path)) for path in goldens(kata)]
    return jobs


def judge(kata: catalog.Kata, subject: str, target: list[str], expected: Expectation,
          report: dict) -> Finding | None:
    """A finding when ``report`` is not what ``expected`` says."""
    again = f"python grader.py check {kata.slug} {' '.join(target)} --seed {GOLDEN_SEED}"
    if "problem" in report:
        return Finding(kata.slug, subject, f"the grader gave no report: {report['problem']}",
                       again)
    got = failing_checks(report)
    said = [(c["id"], text) for c in report.get("checks", []) for text in expected.never_says
            if text in c.get("message", "")]
    if said:
        return Finding(kata.slug, subject, "; ".join(f"{check}'s message says {text!r}"
                                                     for check, text in said), again)
    if (report["verdict"], got) == (expected.verdict, expected.failing):
        return None
    parts = []
    if report["verdict"] != expected.verdict:
        parts.append(f"verdict {report['verdict']}, expected {expected.verdict}")
    if got - expected.failing:
        parts.append(f"also failing: {', '.join(sorted(got - expected.failing))}")
    if expected.failing - got:
        parts.append(f"not failing: {', '.join(sorted(expected.failing - got))}")
    return Finding(kata.slug, subject, "; ".join(parts), again)


def check_grading(katas: list[catalog.Kata], jobs: int = 2) -> list[Finding]:
    """Grade every reference, stub and golden of ``katas``, ``jobs`` at a time."""
    work = [(kata, *job) for kata in katas for job in grading_jobs(kata)]
    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        reports = list(pool.map(lambda w: grade(w[0], w[2]), work))
    findings = [judge(kata, subject, target, expected, report)
                for (kata, subject, target, expected), report in zip(work, reports)]
    return [f for f in findings if f is not None]


# --- the manifest and the files -------------------------------------------------------------

def check_manifest(slug: str) -> list[Finding]:
    """Everything that can be proven without grading."""
    try:
        kata = catalog.load(slug)
    except catalog.CatalogError as error:
        return [Finding(slug, "manifest", str(error), f"fix {catalog.katas_dir() / slug}")]
    found = []

    def problem(subject, text, next_step=""):
        found.append(Finding(slug, subject, text, next_step))

    for path in (kata.statement_path, kata.stub_path, kata.solution_path, kata.checks_path):
        if not path.is_file():
            problem(path.name, f"missing: {path}")
    if found:
        return found
    if "--file workspace/" in kata.statement_path.read_text(encoding="utf-8"):
        problem(kata.statement_path.name, "a command passes --file workspace/...: `check` "
                "grades the workspace file by default, wherever the learner's workspace is")
    ids = check_ids(kata)
    if len(kata.hints) < MIN_HINTS:
        problem("manifest", f"{len(kata.hints)} hints; write at least {MIN_HINTS}, from a "
                            "nudge to nearly the answer")
    for number, hint in enumerate(kata.hints, 1):
        unknown = set(hint.checks) - ids
        if unknown:
            problem("manifest", f"hint {number} points at checks that do not exist: "
                                f"{', '.join(sorted(unknown))}")
    found += _quiz_findings(kata, ids)
    if len(kata.follow_ups) < MIN_FOLLOW_UPS:
        problem("manifest", f"{len(kata.follow_ups)} follow-up questions for the mock "
                            f"interview; write at least {MIN_FOLLOW_UPS} ([[follow_up]])")
    golden_names = [p.stem for p in goldens(kata)]
    if sum(n.startswith("pass__") for n in golden_names) < 2 or \
            sum(n.startswith("fail__") for n in golden_names) < 3:
        problem("goldens", "write at least 2 pass__ goldens (other correct styles) and 3 "
                           "fail__ goldens (classic mistakes)")
    for path in goldens(kata):
        if path.stem.split("__")[0] not in ("pass", "fail"):
            problem(path.name, "a golden's name starts with pass__ or fail__")
        elif path.stem.startswith("fail__") and not expectation(path).failing:
            problem(path.name, "a fail__ golden needs a `# expect-failing: id, ...` line")
        elif not expectation(path).failing <= ids | {q.id for q in kata.quiz}:
            problem(path.name, "expects checks that do not exist: " + ", ".join(
                sorted(expectation(path).failing - ids - {q.id for q in kata.quiz})))
    if readme_row(kata) not in _readme():
        problem("README", "the catalogue table is out of step with the manifests",
                "python grader.py dev readme")
    return found


def _quiz_findings(kata: catalog.Kata, ids: set[str]) -> list[Finding]:
    found = []
    if len(kata.quiz) < MIN_QUIZ:
        found.append(Finding(kata.slug, "quiz", f"{len(kata.quiz)} questions; write at least "
                                                f"{MIN_QUIZ}"))
    if {q.id for q in kata.quiz} & ids:
        found.append(Finding(kata.slug, "quiz", "a question id reuses a check id"))
    stub = module_constant(kata.stub_path, answer_key.ANSWERS_NAME)
    if stub != dict.fromkeys(q.id for q in kata.quiz):
        found.append(Finding(kata.slug, "stub", f"{answer_key.ANSWERS_NAME} must list every "
                                                "question id with None"))
    answers = module_constant(kata.solution_path, answer_key.ANSWERS_NAME) or {}
    wrong = [q.id for q in kata.quiz
             if answer_key.problem_with(q, answers.get(q.id)) is not None]
    if wrong:
        found.append(Finding(kata.slug, "reference", f"{answer_key.ANSWERS_NAME} answers "
                                                     f"wrongly or not at all: {', '.join(wrong)}"))
    longest = longest_right(kata)
    choice = [q for q in kata.quiz if not q.is_numeric]
    if choice and len(longest) > len(choice) / 2:
        found.append(Finding(kata.slug, "quiz", f"the right choice is the longest option in "
                                                f"{len(longest)} of {len(choice)} choice "
                                                f"questions ({', '.join(longest)}): write "
                                                "distractors as long and precise as the answer"))
    return found


def longest_right(kata: catalog.Kata) -> list[str]:
    """Ids of the choice questions whose right choice is strictly the longest option."""
    picked = []
    for q in kata.quiz:
        if q.is_numeric:
            continue
        lengths = [len(c) for c in q.choices]
        right = lengths[ord(q.answer) - ord("a")]
        if all(right > length for i, length in enumerate(lengths)
               if i != ord(q.answer) - ord("a")):
            picked.append(q.id)
    return picked


def check_ids(kata: catalog.Kata) -> set[str]:
    """The ids of a kata's checks: its own (``def test_x`` or ``test_x = ...``) and the
    generic ones every kata gets."""
    tree = ast.parse(kata.checks_path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return {n[5:] for n in names if n.startswith("test_")} | GENERIC_CHECKS


GENERIC_CHECKS = frozenset({"load", "signatures", "no_ml_library"})


def module_constant(path: Path, name: str):
    for node in ast.parse(source_text(path)).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name
                                                for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


# --- the README's catalogue table -----------------------------------------------------------

def readme_row(kata: catalog.Kata) -> str:
    summary = kata.summary.replace("|", "\\|")  # a pipe would end the Markdown cell
    return f"| `{kata.slug}` | {kata.track} | {kata.difficulty} | {kata.minutes} | " \
           f"{summary} |"


def readme_table() -> str:
    rows = [readme_row(k) for k in catalog.all_katas()]
    return "\n".join([README_START, "| kata | track | difficulty | minutes | what you build |",
                      "| --- | --- | --- | --- | --- |", *rows, README_END])


def _readme() -> str:
    path = paths.kit_root() / "README.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def write_readme_table() -> bool:
    """Put the generated table between the README's markers; True when it changed."""
    path = paths.kit_root() / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    updated = text[:start] + readme_table() + text[end:]
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text
