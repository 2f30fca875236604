"""Run a command of the kit inside the test process: the same ``main`` as ``python grader.py``,
without the cost of starting an interpreter (for commands that do not grade)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from katakit.cli import main


@pytest.fixture
def kit(kit_env, monkeypatch, capsys):
    """``kit("list", "--json")`` -> (returncode, stdout, stderr), with its own empty history
    and workspace; ``input=`` is what the learner types."""
    for name in ("KATAKIT_DATA", "KATAKIT_WORKSPACE"):
        monkeypatch.setenv(name, kit_env[name])
    monkeypatch.setenv("COLUMNS", "80")

    def run(*args, input: str = "", columns: int = 80) -> SimpleNamespace:
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setattr("sys.stdin", io.StringIO(input))
        try:
            code = main([str(a) for a in args])
        except SystemExit as leaving:  # argparse's usage errors
            code = leaving.code
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)
    return run
