"""Grade one file against one kata: run the hidden checks through pytest, return a Report."""

from __future__ import annotations

import contextlib
import io
import os
import random
import time
from pathlib import Path

import pytest

from katakit.catalog import Kata
from katakit.plugin import GradingPlugin
from katakit.results import Category, CheckResult, Report, Status, category_order
from katakit.sandbox import protect_examiner

COMMON_CHECKS = Path(__file__).with_name("checks_common.py")
FINAL_CHECKS = Path(__file__).with_name("checks_final.py")
PYTEST_ARGS = ("-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:xdist",
               "--noconftest", "-q", "-o", "addopts=", "-o", "python_files=*.py",
               "-W", "ignore::pytest.PytestAssertRewriteWarning")


def new_seed() -> int:
    return random.SystemRandom().randrange(1, 1_000_000)


def grade(kata: Kata, target: Path, seed: int | None = None, label: str | None = None) -> Report:
    """Run every hidden check of ``kata`` against the file ``target``."""
    seed = new_seed() if seed is None else seed
    started = time.perf_counter()
    protect_examiner()
    plugin = GradingPlugin(kata, Path(target), seed)
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
    return Report(kata.slug, label or str(target), seed, time.perf_counter() - started, checks)
