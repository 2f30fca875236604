"""The kit's own tests. The kata folders hold hidden checks that only run under the grader."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
collect_ignore_glob = ["katas/*"]


def run_grader(*args, timeout=240, **kwargs) -> subprocess.CompletedProcess:
    """``python grader.py ARGS`` in a subprocess, as a learner would type it."""
    return subprocess.run([sys.executable, str(ROOT / "grader.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kwargs)


@pytest.fixture
def grader():
    return run_grader
