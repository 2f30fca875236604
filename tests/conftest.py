"""The kit's own tests. The kata folders hold hidden checks that only run under the grader."""

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
collect_ignore_glob = ["katas/*"]
# Graders started by tests never touch the developer's own history or workspace.
_SCRATCH = Path(tempfile.mkdtemp(prefix="katakit-tests-"))
ISOLATED = {**os.environ, "KATAKIT_DATA": str(_SCRATCH / "data"),
            "KATAKIT_WORKSPACE": str(_SCRATCH / "workspace")}


def run_grader(*args, timeout=240, env=None, cwd=ROOT, **kwargs) -> subprocess.CompletedProcess:
    """``python grader.py ARGS`` in a subprocess, as a learner would type it (from the kit's
    folder unless ``cwd`` says where)."""
    return subprocess.run([sys.executable, str(ROOT / "grader.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=env or ISOLATED, **kwargs)


@pytest.fixture
def kit_env(tmp_path) -> dict:
    """An environment with its own empty history and workspace."""
    return {**os.environ, "KATAKIT_DATA": str(tmp_path / "data"),
            "KATAKIT_WORKSPACE": str(tmp_path / "workspace")}


@pytest.fixture
def grader(kit_env):
    return functools.partial(run_grader, env=kit_env)
