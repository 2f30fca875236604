"""The package shows its architecture: each layer imports only the layers below it, the learner's
tools never import pytest, and the candidate side never imports the examiner."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from conftest import ISOLATED, ROOT

PACKAGE = ROOT / "katakit"
LAYERS = (  # lowest first: a module may import its own layer and those before it
    ("katakit.paths", "katakit.results", "katakit.seeds", "katakit.text"),
    ("katakit.catalog",),
    ("katakit.output",),
    ("katakit.learner",),
    ("katakit.candidate",),
    ("katakit.author",),
    ("katakit.examiner",),
    ("katakit.api", "katakit.cli", "katakit.commands", "katakit"),
)


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int:
    """The layer of a katakit module: the most specific prefix listed in LAYERS."""
    best, best_length = None, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    assert best is not None, f"{name} belongs to no layer: add it to LAYERS"
    return best


def imports_of(path) -> set[str]:
    """Every katakit module a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] == "katakit"}


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_no_module_imports_a_layer_above_its_own(path):
    mine = layer_of(module_name(path))
    above = sorted(name for name in imports_of(path)
                   if name != "katakit" and layer_of(_existing(name)) > mine)
    assert not above, f"{module_name(path)} (layer {mine}) imports {above}"


def _existing(name: str) -> str:
    """``katakit.x.y`` or, when y is a name inside module ``katakit.x``, ``katakit.x``."""
    parts = name.split(".")
    while parts:
        candidate = ROOT.joinpath(*parts)
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return ".".join(parts)
        parts.pop()
    raise AssertionError(f"no module {name}")


@pytest.mark.parametrize("code", [
    "import katakit.learner.history, katakit.learner.progress, katakit.learner.workspace, "
    "katakit.learner.mock, katakit.learner.quiz_file, katakit.catalog, katakit.output.report, "
    "katakit.output.notebook",
    "import katakit.commands.listing, katakit.commands.show, katakit.commands.hint, "
    "katakit.commands.progress, katakit.commands.start, katakit.commands.nextkata, "
    "katakit.commands.notebook, katakit.commands.quiz",
    "import katakit.cli",
    "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n"
    "    from katakit.cli import main; main(['next']); main(['list']); main(['progress'])",
])
def test_what_does_not_grade_does_not_import_pytest(code):
    probe = f"import sys\n{code}\nprint('pytest' in sys.modules, '_pytest' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, check=True, env=ISOLATED)
    assert result.stdout.split() == ["False", "False"]


def test_the_worker_side_never_imports_the_examiner():
    worker_side = [PACKAGE / "candidate" / name for name in
                   ("worker.py", "guard.py", "tracing.py", "protocol.py", "__init__.py")]
    for path in worker_side:
        foreign = {name for name in imports_of(path)
                   if not name.startswith("katakit.candidate")}
        assert not foreign, f"{path.name} imports {foreign}"
