"""Instructors: report formats their platforms parse, batch grading of a cohort, and the
Python API for notebooks."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

from conftest import ROOT
from katakit import catalog
from katakit.examiner.devcheck import expectation, module_constant

KATA = "linear_regression"
GOLDEN = ROOT / "tests" / "katas" / KATA / "golden"
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "gradescope_results.schema.json").read_text())


@pytest.mark.slow
def test_junit_output_parses_with_junitparser_and_counts_match(grader, tmp_path):
    result = grader("check", KATA, "--file", GOLDEN / "fail__no_divide_by_n.py", "--format",
                    "junit", "--seed", "7")
    assert result.returncode == 1
    report = tmp_path / "junit.xml"
    report.write_text(result.stdout)
    suite = next(iter(JUnitXml.fromfile(str(report))))
    cases = list(suite)
    failed = {c.name for c in cases if any(isinstance(r, (Failure, Error)) for r in c.result)}
    assert failed == expectation(GOLDEN / "fail__no_divide_by_n.py").failing
    assert suite.tests == len(cases) == 24 and suite.failures == len(failed)
    assert all(c.classname.startswith(f"{KATA}.") for c in cases)
    skipped = [r for c in cases for r in c.result if isinstance(r, Skipped)]
    assert all("not measured" in r.message for r in skipped)  # measurements the failures void


@pytest.mark.slow
def test_gradescope_output_validates_against_the_autograder_spec(grader):
    stub = catalog.load(KATA).stub_path
    result = grader("check", KATA, "--file", stub, "--format", "gradescope", "--seed", "7")
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["score"] == sum(t["score"] for t in document["tests"]) == 3
    assert {t["status"] for t in document["tests"]} == {"passed", "failed"}
    assert all(t["max_score"] == 1 for t in document["tests"])


def test_schema_rejects_what_gradescope_would_reject():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tests": [{"name": "x", "score": 1, "max_score": 1,
                                        "status": "ok"}]}, SCHEMA)


def cohort(folder: Path) -> dict[str, str]:
    """A class of mixed submissions: every correct golden, every third classic mistake (the
    goldens' own test grades them all; the hang, which only costs time here, is left out),
    the stub, a syntax error, a nested student."""
    expected = {}
    goldens = sorted(GOLDEN.glob("*__*.py"))
    mistakes = [p for p in goldens if p.stem.startswith("fail__") and "hang" not in p.stem]
    for path in [p for p in goldens if p.stem.startswith("pass__")] + mistakes[::3]:
        shutil.copy(path, folder / path.name)
        expected[path.stem] = path.stem.split("__")[0]
    shutil.copy(catalog.load(KATA).stub_path, folder / "untouched_stub.py")
    expected["untouched_stub"] = "todo"
    (folder / "syntax_error.py").write_text("class LinearRegression(\n")
    expected["syntax_error"] = "fail"
    (folder / "ada").mkdir()
    shutil.copy(ROOT / "solutions" / f"{KATA}.py", folder / "ada" / f"{KATA}.py")
    expected["ada"] = "pass"
    return expected


@pytest.mark.slow
def test_batch_grades_a_cohort_with_the_verdicts_of_single_grading(grader, tmp_path):
    submissions = tmp_path / "cohort"
    submissions.mkdir()
    expected = cohort(submissions)
    assert len(expected) >= 20 and len(set(expected.values())) == 3
    result = grader("batch", KATA, submissions, "--jobs", "2", "--seed", "7", "--out",
                    tmp_path / "report", timeout=1200)
    assert result.returncode == 1, result.stderr
    rows = json.loads((tmp_path / "report.json").read_text())["submissions"]
    assert {r["student"]: r["verdict"] for r in rows} == expected
    for row in rows:
        golden = GOLDEN / f"{row['student']}.py"
        if golden.exists():
            assert set(row["failing"]) == expectation(golden).failing, row["student"]
    with open(tmp_path / "report.csv", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) == len(expected) and table[0]["api"].count("/") == 1
    assert f"{len(expected)} submissions" in result.stdout


@pytest.mark.slow
def test_batch_from_a_course_folder_with_relative_paths_says_what_it_left_out(grader,
                                                                               tmp_path):
    course = tmp_path / "course"
    (course / "submissions" / "ada").mkdir(parents=True)
    (course / "submissions" / "carol").mkdir()
    shutil.copy(ROOT / "solutions" / f"{KATA}.py", course / "submissions" / "ada" / f"{KATA}.py")
    shutil.copy(catalog.load(KATA).stub_path, course / "submissions" / "bob.py")
    (course / "submissions" / "carol" / "solution.py").write_text("# wrong file name\n")
    (course / "submissions" / "notes.txt").write_text("grades due Friday\n")
    result = grader("batch", KATA, "submissions", "--jobs", "2", "--out", "grades.2026-fall",
                    cwd=course)
    assert "Left out 2: carol/ (no linear_regression.py inside), notes.txt (not a .py file)" \
        in " ".join(result.stdout.split())
    rows = json.loads((course / "grades.2026-fall.json").read_text())["submissions"]
    assert [(r["student"], r["verdict"]) for r in rows] == [("ada", "pass"), ("bob", "todo")]
    assert (course / "grades.2026-fall.csv").is_file()


def test_batch_checks_the_report_can_be_written_before_grading(grader, tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be\n")
    (tmp_path / "subs").mkdir()
    shutil.copy(ROOT / "solutions" / f"{KATA}.py", tmp_path / "subs" / "ada.py")
    result = grader("batch", KATA, tmp_path / "subs", "--out", tmp_path / "taken" / "report")
    assert result.returncode == 2 and "cannot write the reports" in result.stderr
    assert "Traceback" not in result.stderr and "grading" not in result.stdout


def test_batch_refuses_a_missing_folder(grader, tmp_path):
    result = grader("batch", KATA, tmp_path / "nope")
    assert result.returncode == 2 and "not a folder" in result.stderr


@pytest.mark.slow
def test_python_api_grades_a_path_and_notebook_classes():
    import linecache

    import numpy as np

    import katakit
    source = (ROOT / "solutions" / f"{KATA}.py").read_text()
    by_path = katakit.check(KATA, ROOT / "solutions" / f"{KATA}.py", seed=5)
    assert by_path.verdict.value == "pass"
    cell = "\n".join(line for line in source.splitlines() if not line.startswith("import"))
    name = "/tmp/ipykernel_0/1.py"  # where Jupyter keeps a cell's code
    linecache.cache[name] = (len(cell), None, cell.splitlines(True), name)
    namespace = {"np": np, "__name__": "__main__"}
    exec(compile(cell, name, "exec"), namespace)
    report = katakit.check(KATA, namespace["LinearRegression"], seed=5,
                           quiz_answers=namespace["QUIZ_ANSWERS"])
    assert report.verdict.value == "pass", [c for c in report.checks if c.status.value != "pass"]


@pytest.mark.slow
def test_gradescope_run_autograder_writes_valid_results(tmp_path):
    import subprocess
    import sys
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    script = ROOT / "integrations" / "gradescope" / "run_autograder"
    env = {"PATH": "/usr/bin:/bin", "AUTOGRADER_ROOT": str(root), "KIT_DIR": str(ROOT),
           "KIT_PYTHON": sys.executable, "KATAKIT_DATA": str(tmp_path / "data")}
    subprocess.run([str(script)], env=env, check=True, timeout=120)
    missing = json.loads((root / "results" / "results.json").read_text())
    assert missing["score"] == 0 and "linear_regression.py" in missing["output"]
    shutil.copy(ROOT / "solutions" / f"{KATA}.py", root / "submission" / f"{KATA}.py")
    subprocess.run([str(script)], env=env, check=True, timeout=120)
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    assert results["score"] == len(results["tests"]) == 24


def test_junit_counts_unattempted_checks_as_failures_and_skips_as_skipped(tmp_path):
    from katakit.output import formats
    from katakit.results import Category, CheckResult, Report, Status
    report = Report(KATA, "stub.py", 7, 1.0, (
        CheckResult("load", Category.API, Status.PASS),
        CheckResult("predict_values", Category.CORRECTNESS, Status.TODO, "predict raised "
                    "NotImplementedError"),
        CheckResult("trajectory", Category.CONVERGENCE, Status.SKIP, "fit is missing")))
    path = tmp_path / "junit.xml"
    path.write_text(formats.to_junit(report))
    suite = next(iter(JUnitXml.fromfile(str(path))))
    results = {case.name: case.result for case in suite}
    (todo,) = results["predict_values"]
    assert isinstance(todo, Failure) and todo.type == "todo"
    assert todo.message == "not attempted yet: predict raised NotImplementedError"
    assert isinstance(results["trajectory"][0], Skipped) and results["load"] == []
    assert (suite.failures, suite.skipped, suite.errors) == (1, 1, 0)


def test_python_api_says_what_it_accepts():
    import katakit
    solution = ROOT / "solutions" / f"{KATA}.py"
    with pytest.raises(ValueError, match="carries its own QUIZ_ANSWERS"):
        katakit.check(KATA, solution, quiz_answers={"divide_by_n": "c"})
    for wrong in ([1, 2], 42, None):
        with pytest.raises(TypeError, match=r"file path \(str or pathlib.Path\) or classes"):
            katakit.check(KATA, wrong)
    with pytest.raises(FileNotFoundError, match="nope.py"):
        katakit.check(KATA, ROOT / "nope.py")
    with pytest.raises(TypeError, match="needs a file path"):
        katakit.check(KATA)


@pytest.mark.slow
def test_python_api_grades_several_functions_with_their_helpers():
    import linecache

    import numpy as np

    import katakit
    cell = ("def _error(X, y, w, b):\n    return X @ w + b - y\n\n"
            "def mse(y_hat, y):\n    return float(np.mean((y_hat - y) ** 2))\n\n"
            "def mse_gradients(X, y, w, b):\n    error = _error(X, y, w, b)\n"
            "    return 2 / len(y) * (X.T @ error), 2 / len(y) * float(np.sum(error))\n")
    name = "/tmp/ipykernel_0/2.py"
    linecache.cache[name] = (len(cell), None, cell.splitlines(True), name)
    namespace = {"np": np}
    exec(compile(cell, name, "exec"), namespace)
    mse, gradients = namespace["mse"], namespace["mse_gradients"]
    without = katakit.check("mse_gradients", mse, gradients, seed=3)
    assert any("NameError" in c.message for c in without.checks)
    answers = module_constant(catalog.load("mse_gradients").solution_path, "QUIZ_ANSWERS")
    report = katakit.check("mse_gradients", mse, gradients, namespace["_error"], seed=3,
                           quiz_answers=answers)
    assert report.verdict == "pass" and f"{report.verdict}" == "pass"
    assert json.loads(json.dumps({"verdict": report.verdict})) == {"verdict": "pass"}
