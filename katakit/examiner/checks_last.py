"""The hidden check every kata gets after its own: no forbidden library, in the file and among
the modules the learner's process loaded while it was graded."""

from __future__ import annotations

import ast

import pytest

from katakit.author.checks import check, fail
from katakit.examiner.plugin import SKIPPED_NOT_LOADED
from katakit.text import read_source


@check("robustness")
def test_no_ml_library(kata, learner_process):
    """Only NumPy and the standard library: no ML library does the work."""
    if not kata.forbidden_modules:
        return
    forbidden = set(kata.forbidden_modules)
    imports = _imports(learner_process.path)
    if imports is None:
        pytest.skip(SKIPPED_NOT_LOADED)
    for line, name in imports:
        if name.split(".")[0] in forbidden:
            fail(f"line {line} imports {name}: this kata is about writing it yourself with "
                 "NumPy; remove the import")
    if learner_process.running:  # never start a worker just for this (a hang spent the budget)
        loaded = forbidden & set(learner_process.loaded_modules())
        if loaded:
            fail(f"your code loaded {', '.join(sorted(loaded))} at run time; use NumPy only")


def _imports(path) -> list[tuple[int, str]] | None:
    """(line, module) of every absolute import; None when the file does not compile."""
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError):
        return None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found
