"""Notebooks: `notebook KATA` writes one, and it really runs: executed with nbclient in a Jupyter
kernel, its check cell shows the grouped report (with the loss curves) and reads well as text;
in notebook mode the quiz and a helper left out say what to pass."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import ROOT
from katakit import catalog
from katakit.commands.notebook import notebook, stub_cells

KATA = "linear_regression"


def test_notebook_writes_statement_stub_cells_quiz_and_a_check_cell(grader, kit_env):
    result = grader("notebook", KATA)
    assert result.returncode == 0, result.stderr
    path = Path(kit_env["KATAKIT_WORKSPACE"]) / f"{KATA}.ipynb"
    document = json.loads(path.read_text())
    nbformat = pytest.importorskip("nbformat")
    nbformat.validate(nbformat.reads(path.read_text(), as_version=4))
    sources = ["".join(cell["source"]) for cell in document["cells"]]
    assert sources[0].startswith("# Linear regression")
    assert any(s.startswith("class LinearRegression") for s in sources)
    assert any(s.startswith("QUIZ_ANSWERS = {") for s in sources)
    assert all(q.question in "\n".join(sources) for q in catalog.load(KATA).quiz)
    assert sources[-1].startswith("import katakit") and "quiz_answers=QUIZ_ANSWERS" in \
        sources[-1]
    again = grader("notebook", KATA)
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.parametrize("slug", catalog.slugs())
def test_every_kata_becomes_cells_that_compile_and_pass_every_api_name(slug):
    kata = catalog.load(slug)
    cells, names, answers = stub_cells(kata.stub_path.read_text())
    for cell in cells:
        ast.parse(cell)
    assert {entry.name for entry in kata.entries} <= set(names)
    assert ast.parse(answers).body
    assert json.dumps(notebook(kata))


def execute(document: dict, folder: Path) -> dict:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    node = nbformat.reads(json.dumps(document), as_version=4)
    nbclient.NotebookClient(node, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}).execute()
    return json.loads(nbformat.writes(node))


def outputs(cell) -> tuple[str, str]:
    """The check cell's (text/html, text/plain)."""
    data = next(o["data"] for o in cell["outputs"] if o["output_type"] == "execute_result")
    return "".join(data.get("text/html", "")), "".join(data["text/plain"])


@pytest.mark.slow
def test_the_notebook_runs_untouched_then_solved(tmp_path):
    document = notebook(catalog.load(KATA))
    html, text = outputs(execute(document, tmp_path)["cells"][-1])
    assert "NOT DONE" in html and "Verdict: NOT DONE" in text
    assert "<Report" not in text and "Verdict." not in text  # not a dataclass repr
    reference = (ROOT / "solutions" / f"{KATA}.py").read_text()
    solved, _, _ = stub_cells(reference)
    for cell in document["cells"]:
        source = "".join(cell["source"])
        if source.startswith("class LinearRegression"):
            cell["source"] = next(c for c in solved if c.startswith("class LinearRegression"))
        elif source.startswith("QUIZ_ANSWERS"):
            cell["source"] = stub_cells(reference)[2]
    html, text = outputs(execute(document, tmp_path)["cells"][-1])
    assert "PASS" in html and "Verdict: PASS" in text
    assert "<img alt='loss above the optimum' src='data:image/png;base64," in html
    assert "quiz" in html and "<table" in html


@pytest.mark.slow
def test_notebook_mode_says_what_to_pass(tmp_path):
    import importlib.util

    import katakit

    cell = tmp_path / "cells.py"  # what a notebook defines, one helper left out of the call
    cell.write_text("import numpy as np\n\n\ndef helper(e):\n    return float(np.mean(e ** 2))"
                    "\n\n\ndef mse(y_hat, y):\n    return helper(y_hat - y)\n\n\n"
                    "def mse_gradients(X, y, w, b):\n    e = X @ w + b - y\n"
                    "    return (2 / len(y)) * X.T @ e, (2 / len(y)) * float(np.sum(e))\n")
    spec = importlib.util.spec_from_file_location("cells", cell)
    cells = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cells)
    report = katakit.check("mse_gradients", cells.mse, cells.mse_gradients, quiz_answers={},
                           curves=False)
    messages = {c.id: c.message for c in report.checks}
    assert any(m.startswith("pass `helper` too: katakit.check('mse_gradients', mse, "
                            "mse_gradients, helper)") for m in messages.values())
    quiz = [c for c in report.checks if c.category == "quiz"]
    assert quiz and all("pass quiz_answers={" in c.message for c in quiz)
    assert "in your file" not in str(report)
    assert repr(report).startswith("<Report mse_gradients: FAIL")
