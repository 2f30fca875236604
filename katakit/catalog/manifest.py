"""The catalogue of katas: every fact about a kata comes from its ``kata.toml`` manifest.

Paths follow one convention (the slug names every file), so a kata is added by dropping in its
files; nothing here knows any particular kata.
"""

from __future__ import annotations

import ast
import atexit
import difflib
import json
import operator
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from katakit.catalog.limits import Limits
from katakit import paths

DIFFICULTIES = ("easy", "medium", "hard")
TRACKS = ("regression", "classification", "unsupervised", "neural networks")
"""The learning path goes through the tracks in this order, easy to hard within each."""


class CatalogError(Exception):
    """A kata is unknown or its manifest is broken; the message says what to do."""


@dataclass(frozen=True)
class Entry:
    """One name the learner's file must define: a class with methods, or a function."""

    name: str
    kind: str  # "class" or "function"
    signature: str = ""  # the function's, or the class constructor's (without self)
    methods: dict[str, str] = field(default_factory=dict)  # method name -> signature


@dataclass(frozen=True)
class Hint:
    text: str
    checks: tuple[str, ...] = ()
    """Check ids this hint helps with (used to suggest the right hint after a failure)."""


@dataclass(frozen=True)
class Advice:
    """What to tell a learner whose code raised a recognised exception (``[[advice]]``)."""

    say: str
    error: str = ""
    """The exception's type name (``LinAlgError``); empty matches any type."""
    matches: str = ""
    """A regular expression the exception's message must contain; empty matches any."""

    def applies_to(self, error_type: str, message: str) -> bool:
        return (not self.error or self.error == error_type) and \
            (not self.matches or re.search(self.matches, message) is not None)


@dataclass(frozen=True)
class Mistake:
    """A recognised wrong value: the right one times ``factor`` (``[mistakes.NAME]``)."""

    factor: str
    """An expression in the data's sizes, such as ``n``, ``-1``, ``0.5`` or ``n / 2``."""
    meaning: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    explanation: str
    choices: tuple[str, ...] = ()
    answer: str = ""  # letter for choice questions
    answer_value: float | None = None  # number for numeric questions
    tolerance: float = 0.0  # relative tolerance for numeric questions

    @property
    def is_numeric(self) -> bool:
        return self.answer_value is not None

    @property
    def with_choices(self) -> str:
        """The question and its lettered choices, one per line, as ``check`` lists a
        question (so it can be answered in the file without running ``quiz``)."""
        return "\n".join([" ".join(self.question.split()),
                          *(f"{chr(ord('a') + i)}) {' '.join(choice.split())}"
                            for i, choice in enumerate(self.choices))])


@dataclass(frozen=True)
class FollowUp:
    """An interviewer's open question for the mock interview (``[[follow_up]]``): explain or
    what-if, answered in a few sentences and scored by the candidate against ``rubric``."""

    id: str
    question: str
    rubric: tuple[str, ...]
    """The points a good answer makes, one short sentence each (the candidate counts theirs)."""


@dataclass(frozen=True)
class Kata:
    slug: str
    title: str
    track: str
    difficulty: str
    minutes: int
    summary: str
    entries: tuple[Entry, ...]
    hints: tuple[Hint, ...]
    quiz: tuple[Question, ...]
    forbidden_modules: tuple[str, ...] = ()
    limits: Limits = Limits()
    advice: tuple[Advice, ...] = ()
    """Learner exceptions turned into a failure that says the fix (first match wins)."""
    mistakes: dict[str, tuple[Mistake, ...]] = field(default_factory=dict)
    """Named tables of wrong values by factor, for :mod:`katakit.author.mistakes`."""
    follow_ups: tuple[FollowUp, ...] = ()
    """The mock interview's follow-up questions (its own pool, apart from the quiz)."""

    @property
    def folder(self) -> Path:
        return katas_dir() / self.slug

    @property
    def statement_path(self) -> Path:
        return paths.kit_root() / "problems" / f"{self.slug}.md"

    @property
    def stub_path(self) -> Path:
        return paths.kit_root() / "problems" / f"{self.slug}.py"

    @property
    def solution_path(self) -> Path:
        return paths.kit_root() / "solutions" / f"{self.slug}.py"

    @property
    def checks_path(self) -> Path:
        return self.folder / f"test_{self.slug}.py"

    @property
    def golden_dir(self) -> Path:
        return self.folder / "golden"


def katas_dir() -> Path:
    return paths.kit_root() / "tests" / "katas"


def slugs() -> list[str]:
    return sorted(p.parent.name for p in katas_dir().glob("*/kata.toml"))


def all_katas() -> list[Kata]:
    """Every kata as a learning path: track by track, easy before hard, shorter before longer."""
    return sorted((load(slug) for slug in slugs()),
                  key=lambda k: (TRACKS.index(k.track), DIFFICULTIES.index(k.difficulty),
                                 k.minutes, k.slug))


def normalize(name: str) -> str:
    """How a kata name is looked up: ``Linear-Regression`` and ``LINEAR_REGRESSION`` name
    ``linear_regression``."""
    return name.strip().lower().replace("-", "_")


def load(name: str) -> Kata:
    """The kata called ``name`` (see :func:`normalize`); CatalogError (with the closest names)
    when there is none."""
    slug = normalize(name)
    if slug not in slugs():
        raise CatalogError(unknown_kata_message(name))
    manifest = katas_dir() / slug / "kata.toml"
    try:
        return _parse(slug, _manifest_data(manifest))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"the manifest {manifest} is invalid: {exc}") from None


CACHE_NAME = "manifests.json"
_cache: dict | None = None
_cache_changed = False


def _manifest_data(manifest: Path) -> dict:
    """The manifest's TOML as data, from a small cache in the learner's data folder when the
    file is unchanged (same modification time and size): reading JSON is several times
    faster than parsing TOML, and commands such as ``list`` read every manifest."""
    global _cache, _cache_changed
    if _cache is None:
        _cache = _read_cache()
    stat = manifest.stat()
    stamp = [stat.st_mtime_ns, stat.st_size]
    hit = _cache.get(str(manifest))
    if hit is not None and hit[0] == stamp:
        return hit[1]
    data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    if not _cache_changed:
        atexit.register(_write_cache)
    _cache[str(manifest)], _cache_changed = [stamp, data], True
    return data


def _read_cache() -> dict:
    try:
        cached = json.loads((paths.data_dir() / CACHE_NAME).read_text(encoding="utf-8"))
        return cached if isinstance(cached, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_cache() -> None:
    """Written once, at exit, atomically; a cache that cannot be written is simply not kept."""
    try:
        folder = paths.data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{CACHE_NAME}.{os.getpid()}"
        temporary.write_text(json.dumps(_cache), encoding="utf-8")
        os.replace(temporary, folder / CACHE_NAME)
    except OSError:
        pass


def unknown_kata_message(name: str) -> str:
    known = slugs()
    close = difflib.get_close_matches(normalize(name), known, n=3, cutoff=0.5)
    suggestion = f"did you mean {', '.join(close)}?" if close else \
        f"known katas: {', '.join(known)}"
    return f"unknown kata '{name}': {suggestion} (see `python grader.py list`)"


def _parse(slug: str, data: dict) -> Kata:
    difficulty, track = data["difficulty"], data["track"]
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {DIFFICULTIES}, not {difficulty!r}")
    if track not in TRACKS:
        raise ValueError(f"track must be one of {TRACKS}, not {track!r}")
    entries = tuple(_entry(name, spec) for name, spec in data["api"].items())
    hints = tuple(Hint(h["text"], tuple(h.get("checks", ()))) for h in data.get("hints", []))
    quiz = tuple(_question(q) for q in data.get("quiz", []))
    limits = Limits(**data.get("limits", {}))
    advice = tuple(_advice(a) for a in data.get("advice", []))
    mistakes = {name: tuple(Mistake(str(factor), meaning) for factor, meaning in table.items())
                for name, table in data.get("mistakes", {}).items()}
    for table in mistakes.values():
        for mistake in table:
            evaluate(mistake.factor, dict.fromkeys(names_in(mistake.factor), 2.0))
    follow_ups = tuple(_follow_up(f) for f in data.get("follow_up", []))
    ids = [f.id for f in follow_ups]
    if len(set(ids)) != len(ids):
        raise ValueError(f"follow_up ids must be unique, not {ids}")
    return Kata(slug=slug, title=data["title"], track=track, difficulty=difficulty,
                minutes=int(data["minutes"]), summary=data.get("summary", ""),
                entries=entries, hints=hints, quiz=quiz,
                forbidden_modules=tuple(data.get("forbidden_modules", ())), limits=limits,
                advice=advice, mistakes=mistakes, follow_ups=follow_ups)


def _follow_up(entry: dict) -> FollowUp:
    unknown = set(entry) - {"id", "question", "rubric"}
    if unknown:
        raise ValueError(f"follow_up entries take id, question and rubric, not "
                         f"{sorted(unknown)}")
    rubric = entry["rubric"]
    if not isinstance(rubric, list) or not 1 <= len(rubric) <= 5 or \
            not all(isinstance(point, str) and point.strip() for point in rubric):
        raise ValueError(f"follow_up {entry['id']}: rubric must be a list of 1 to 5 points")
    return FollowUp(entry["id"], entry["question"], tuple(rubric))


def _advice(entry: dict) -> Advice:
    unknown = set(entry) - {"say", "error", "matches"}
    if unknown:
        raise ValueError(f"advice entries take say, error and matches, not {sorted(unknown)}")
    re.compile(entry.get("matches", ""))
    return Advice(entry["say"], entry.get("error", ""), entry.get("matches", ""))


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.Pow: operator.pow}


def names_in(expression: str) -> set[str]:
    return {node.id for node in ast.walk(ast.parse(expression, mode="eval"))
            if isinstance(node, ast.Name)}


def evaluate(expression: str, variables: dict[str, float]) -> float:
    """A factor such as ``n / 2`` or ``-1``: numbers, names, + - * / ** and parentheses."""
    def value(node):
        if isinstance(node, ast.Expression):
            return value(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in variables:
            return float(variables[node.id])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return -value(node.operand) if isinstance(node.op, ast.USub) else value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise ValueError(f"factor {expression!r}: only numbers, {sorted(variables)} and "
                         "+ - * / ** are allowed")
    return value(ast.parse(expression, mode="eval"))


def _entry(name: str, spec: dict) -> Entry:
    kind = spec["kind"]
    if kind == "class":
        return Entry(name, kind, spec.get("init", ""), dict(spec.get("methods", {})))
    if kind == "function":
        return Entry(name, kind, spec["signature"])
    raise ValueError(f"api.{name}.kind must be 'class' or 'function'")


def _question(q: dict) -> Question:
    if "answer_value" in q:
        return Question(q["id"], q["question"], q["explanation"],
                        answer_value=float(q["answer_value"]),
                        tolerance=float(q.get("tolerance", 0.0)))
    choices = tuple(q["choices"])
    letters = [chr(ord("a") + i) for i in range(len(choices))]
    if q["answer"] not in letters:
        raise ValueError(f"quiz {q['id']}: answer {q['answer']!r} is not one of {letters}")
    return Question(q["id"], q["question"], q["explanation"], choices=choices,
                    answer=q["answer"])
