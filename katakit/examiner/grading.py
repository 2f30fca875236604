"""Grade one file against one kata: run the hidden checks through pytest, return a Report."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path

import pytest

from katakit.candidate import isolation
from katakit.candidate.client import become_subreaper
from katakit.catalog import Kata
from katakit.examiner.plugin import GradingPlugin
from katakit.results import Category, CheckResult, Report, category_order, Status
from katakit.seeds import new_seed
from katakit.text import clean

COMMON_CHECKS = Path(__file__).with_name("checks_first.py")
FINAL_CHECKS = Path(__file__).with_name("checks_last.py")
PR_SET_DUMPABLE = 4  # prctl option (linux/prctl.h)
CHECK_TIMEOUT_S = 150  # pytest-timeout's backstop behind the worker deadlines
PYTEST_ARGS = ("-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:xdist",
               "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin",
               "-p", "no:legacypath", "-p", "no:stepwise", "-p", "no:setuponly",
               "-p", "no:setupplan", "-p", "no:unittest", "-p", "no:debugging",
               "-o", f"timeout={CHECK_TIMEOUT_S}",
               "--noconftest", "-q", "-o", "addopts=", "-o", "python_files=*.py",
               "-W", "ignore::pytest.PytestAssertRewriteWarning")


def protect_examiner() -> None:
    """Make this (the grading) process non-dumpable on Linux: a worker running as the same
    user can then no longer open ``/proc/<our pid>/mem`` or ``/fd/*``, even from native code
    that slips past the worker's audit hook. Children get a fresh flag at ``exec``. Also
    collect the orphans a worker leaves behind, so they can be stopped with it."""
    if not sys.platform.startswith("linux"):
        return
    become_subreaper()
    import ctypes
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def choose_isolation(mode: str | None = None) -> isolation.Isolation:
    """``auto`` (the default): the best this machine allows; ``required``: that, or
    IsolationUnavailable; ``none``: a plain worker process. ``mode`` defaults to the
    ``KATAKIT_ISOLATION`` environment variable."""
    mode = mode or os.environ.get("KATAKIT_ISOLATION") or "auto"
    if mode not in ("auto", "required", "none"):
        raise isolation.IsolationUnavailable(f"KATAKIT_ISOLATION must be auto, required or none, not "
                                   f"{mode!r}")
    if mode == "none":
        return isolation.NONE
    found = isolation.detect()
    if mode == "required" and not found.isolated:
        raise isolation.IsolationUnavailable(f"isolation is required to grade code written by others, "
                                   f"and this machine has none: {isolation.unavailable_reason()}")
    return found


def grade(kata: Kata, target: Path, seed: int | None = None, label: str | None = None,
          isolate: isolation.Isolation | None = None, protect: bool = True) -> Report:
    """Run every hidden check of ``kata`` against the file ``target``; ``protect`` hardens
    this process first (the command line does; a notebook kernel does not want it).
    ``isolate`` defaults to :func:`choose_isolation`."""
    isolate = choose_isolation() if isolate is None else isolate
    seed = new_seed() if seed is None else seed
    started = time.perf_counter()
    if protect:
        protect_examiner()
    plugin = GradingPlugin(kata, Path(target), seed, isolate)
    args = [str(COMMON_CHECKS), str(kata.checks_path), str(FINAL_CHECKS),
            "--rootdir", str(kata.folder), "-c", os.devnull, *PYTEST_ARGS]
    with contextlib.redirect_stdout(io.StringIO()):  # pytest's own chatter is not ours
        exit_code = pytest.main(args, plugins=[plugin])
    if exit_code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt
    checks = tuple(sorted(plugin.results, key=lambda c: category_order(c.category)))
    if not checks:
        checks = (CheckResult("collect", Category.API, Status.ERROR,
                              f"the hidden checks of {kata.slug} could not be collected"),)
    return Report(kata.slug, clean(label or str(target), 500), seed,
                  time.perf_counter() - started, checks, isolate.summary)
