"""The pytest plugin behind ``grader.py check``: fixtures for hidden checks, typed results out.

Hidden checks run in the examiner's process (this one); the learner's code only ever runs in
the sandboxed worker behind the ``candidate`` fixture. Outcomes are read from pytest's report
objects and the exception each check ended with, never from terminal output.

Three things happen here for every kata, so that no check has to do them itself:

- a learner exception the manifest's ``[[advice]]`` table recognises becomes a failure that
  says the fix;
- the warnings the learner's code raised during a failing check (NumPy's overflow in ``exp``
  ...) are named in its message (a warning alone never fails anything);
- every message and title is cleaned and bounded (``katakit.text``): learner text cannot garble
  a report.
"""

from __future__ import annotations

import os
import traceback
import zlib

import numpy as np
import pytest

from katakit.author.checks import CheckFailed, CheckTodo, Unverified
from katakit.candidate import isolation
from katakit.candidate.client import Candidate
from katakit.candidate.errors import (CandidateProblem, CandidateTimeout, LearnerRaised,
                                      LoadFailed, NotAttempted)
from katakit.catalog import Kata
from katakit.examiner import reference as reference_loader
from katakit.results import FAILING, Category, CheckResult, Status
from katakit.text import clean, without_numbers

INTERNAL_ERROR = ("internal grader error in this check ({error}); your code may be fine. "
                  "Please report it with the seed. Set KATAKIT_DEBUG=1 to see the traceback.")
SKIPPED_NOT_LOADED = "your file must load first (see the `load` check)"
SKIPPED_MISSING = "your file does not define {names} yet (see the `signatures` check)"
MESSAGE_LIMIT = 4000
ROOT_CAUSES = frozenset({Category.API, Category.SHAPES, Category.CORRECTNESS,
                         Category.CONVERGENCE})  # what the measured categories depend on
TITLE_LIMIT = 1000  # a quiz question with its choices
STOPPED_BY_BACKSTOP = ("this check ran longer than the grader allows any check and was stopped; "
                       "if your code is not stuck, please report it with the seed")


class GradingPlugin:
    """Collects one CheckResult per hidden check; owns the learner's worker processes."""

    def __init__(self, kata: Kata, target, seed: int,
                 isolate: isolation.Isolation = isolation.NONE):
        self._kata, self._target, self._seed = kata, target, seed
        self._isolate = isolate
        self.results: list[CheckResult] = []
        self._unverified: dict[int, Unverified] = {}
        self._raised: dict[int, tuple] = {}  # index -> the error the learner's code raised
        self._candidates: list[Candidate] = []
        self._learner: Candidate | None = None
        self._missing_entries: list[str] | None = None
        # Imported before any learner code runs, so nothing a submission does to the files
        # can change what this process executes.
        self._reference = reference_loader.load(kata)
        # Both workers boot while pytest collects the checks (two cores, half the wait).
        self._learner = Candidate(target, kata.forbidden_modules, kata.limits, isolate)
        self._reference_process = Candidate(kata.solution_path, (), kata.limits, isolate)
        self._candidates += [self._learner, self._reference_process]
        for candidate in self._candidates:
            candidate.prestart()

    # fixtures --------------------------------------------------------------------------------
    @pytest.fixture(scope="session")
    def kata(self) -> Kata:
        return self._kata

    @pytest.fixture(scope="session")
    def seed(self) -> int:
        return self._seed

    @pytest.fixture
    def rng(self, request) -> np.random.Generator:
        """Random data per check, reproducible from the run's seed and the check's name."""
        return np.random.default_rng([self._seed, zlib.crc32(request.node.name.encode())])

    @pytest.fixture(scope="session")
    def learner_process(self) -> Candidate:
        """The learner's worker, maybe not loaded yet (for the check that reports on loading)."""
        return self._learner

    @pytest.fixture
    def loaded_file(self, learner_process) -> Candidate:
        """The learner's file, loaded; checks are skipped when it does not load."""
        try:
            learner_process.ensure_started()
        except LoadFailed:
            pytest.skip(SKIPPED_NOT_LOADED)
        return learner_process

    @pytest.fixture
    def candidate(self, loaded_file) -> Candidate:
        """The learner's file with every class and function of the spec defined; a check that
        drives the spec is skipped when one is missing (``signatures`` says which), rather
        than repeating the same AttributeError a dozen times."""
        if self._missing_entries is None:
            found = loaded_file.inspect({entry.name: [] for entry in self._kata.entries})
            self._missing_entries = [name for name, info in found.items()
                                     if info.get("kind") == "missing"]
        if self._missing_entries:
            pytest.skip(SKIPPED_MISSING.format(names=" and ".join(self._missing_entries)))
        return loaded_file

    @pytest.fixture(scope="session")
    def reference(self):
        """The reference solution imported in this (trusted) process, for expected values."""
        return self._reference

    @pytest.fixture(scope="session")
    def reference_process(self) -> Candidate:
        """The reference solution in a worker like the learner's, for fair timing."""
        return self._reference_process

    # hooks -----------------------------------------------------------------------------------
    def pytest_configure(self, config) -> None:
        config.addinivalue_line("markers", "check(category): tag a hidden check's category")

    def pytest_generate_tests(self, metafunc) -> None:
        if "question" in metafunc.fixturenames:
            quiz = list(self._kata.quiz)
            metafunc.parametrize("question", quiz, ids=[q.id for q in quiz])

    def pytest_runtest_setup(self, item) -> None:
        if self._learner is not None:
            self._learner.take_warnings()  # each check hears only its own warnings

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        if call.when == "call" or (call.when == "setup" and not report.passed):
            self.results.append(self._result(item, call))
        return report

    def pytest_sessionfinish(self, session) -> None:
        for candidate in self._candidates:
            candidate.close()
        self._settle_unverified()
        self._settle_raised()

    # results ---------------------------------------------------------------------------------
    def _result(self, item, call) -> CheckResult:
        marker = item.get_closest_marker("check")
        category = Category(marker.args[0]) if marker else Category.CORRECTNESS
        check_id = item.callspec.id if hasattr(item, "callspec") else item.originalname[5:]
        doc = " ".join((item.function.__doc__ or "").split())
        parameter = getattr(item, "callspec", None) and next(iter(item.callspec.params.values()))
        title = getattr(parameter, "with_choices", None) or doc  # a quiz check: its question
        status, message = outcome(call.excinfo, self._kata)
        if call.excinfo is not None and isinstance(call.excinfo.value, Unverified):
            self._unverified[len(self.results)] = call.excinfo.value
        if call.excinfo is not None and type(call.excinfo.value) is LearnerRaised:
            raised = call.excinfo.value
            self._raised[len(self.results)] = (raised.type, without_numbers(raised.text),
                                               raised.line)
        warned = self._learner.take_warnings() if self._learner is not None else []
        if status in FAILING and warned:
            message += " Your code raised warnings here: " + "; ".join(
                w.describe() for w in warned[:3]) + "."
        return CheckResult(check_id, category, status, clean(message, MESSAGE_LIMIT),
                           clean(title, TITLE_LIMIT, newlines=True))

    def _settle_unverified(self) -> None:
        """A check that could not verify its measurement because the learner's values differ
        from the reference is a skip when a check of the categories it depends on failed
        (that failure is the root cause, said there), and a failure otherwise (the values are
        wrong only under measurement: at scale, or while counted)."""
        for index, pending in self._unverified.items():
            result = self.results[index]
            root_cause = any(r.status in FAILING and r.category in pending.depends_on
                             for r in self.results)
            status = Status.SKIP if root_cause else Status.FAIL
            message = pending.skip_message if root_cause else pending.message
            self.results[index] = CheckResult(result.id, result.category, status,
                                              clean(message, MESSAGE_LIMIT), result.title)


    def _settle_raised(self) -> None:
        """A measurement (vectorization, speed, inputs left untouched) that could not measure
        because the learner's code raised the very error a check of what it computes already
        failed with is a skip naming that check: the error is the root cause, said there,
        and the rule measured here was never seen broken."""
        roots = {}
        for index, key in self._raised.items():
            result = self.results[index]
            if result.category in ROOT_CAUSES and result.status in FAILING:
                roots.setdefault(key, result.id)
        for index, key in self._raised.items():
            result = self.results[index]
            if result.category not in ROOT_CAUSES and key in roots and \
                    result.status in FAILING:
                self.results[index] = CheckResult(
                    result.id, result.category, Status.SKIP,
                    f"not measured: your code raised the error shown in {roots[key]} above; "
                    "fix that first.", result.title)


def outcome(excinfo, kata: Kata | None = None) -> tuple[Status, str]:
    """Map how a check ended to a status and the learner-facing message."""
    if excinfo is None:
        return Status.PASS, ""
    error = excinfo.value
    if excinfo.errisinstance(pytest.skip.Exception):
        return Status.SKIP, str(getattr(error, "msg", error))
    if excinfo.errisinstance(pytest.fail.Exception) and str(error).startswith("Timeout"):
        return Status.TIMEOUT, STOPPED_BY_BACKSTOP
    if isinstance(error, (CheckFailed, Unverified)):
        return Status.FAIL, error.message
    if isinstance(error, (NotAttempted, CheckTodo)):
        return Status.TODO, error.message
    if isinstance(error, CandidateTimeout):
        return Status.TIMEOUT, error.message
    if isinstance(error, LearnerRaised) and kata is not None:
        for advice in kata.advice:
            if advice.applies_to(error.type, error.text):
                return Status.FAIL, f"{error.message}. {advice.say}"
    if isinstance(error, CandidateProblem):
        return Status.ERROR, error.message
    if os.environ.get("KATAKIT_DEBUG"):
        traceback.print_exception(error)
    return Status.ERROR, INTERNAL_ERROR.format(error=f"{type(error).__name__}: {error}")
