"""The command line answers as documented: exit codes, one-line errors, clean JSON."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import ROOT

KATA = "linear_regression"


def test_unknown_kata_exits_2_and_suggests_the_closest_name(grader):
    result = grader("check", "linear_regresion", "--reference")
    assert result.returncode == 2
    assert "did you mean linear_regression" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_file_is_a_one_line_usage_error(grader, tmp_path):
    result = grader("check", KATA, "--file", tmp_path / "nope.py")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: file not found:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_directory_instead_of_file_is_a_usage_error(grader, tmp_path):
    result = grader("check", KATA, "--file", tmp_path)
    assert (result.returncode, result.stderr.split(":")[0]) == (2, "error")
    assert "not a file" in result.stderr


def test_file_and_reference_together_are_refused(grader, tmp_path):
    result = grader("check", KATA, "--file", tmp_path / "x.py", "--reference")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_bad_seed_is_refused(grader):
    result = grader("check", KATA, "--reference", "--seed", "abc")
    assert result.returncode == 2 and "seed must be a whole number" in result.stderr


def test_syntax_error_names_the_line_and_exits_1(grader, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import numpy as np\n\nclass LinearRegression:\n    def fit(self X):\n"
                      "        pass\n")
    result = grader("check", KATA, "--file", broken)
    assert result.returncode == 1
    assert "SyntaxError at line 4" in result.stdout
    assert "other checks were not run" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_file_that_does_not_compile_passes_nothing(grader, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import numpy as np\nclass LinearRegression(\n")
    report = json.loads(grader("check", KATA, "--file", broken, "--json").stdout)
    statuses = Counter(c["status"] for c in report["checks"])
    assert statuses == {"fail": 1, "skip": len(report["checks"]) - 1}


def test_a_missing_class_is_reported_once_and_its_checks_are_skipped(grader, tmp_path):
    empty = tmp_path / "empty.py"
    empty.write_text("import numpy as np\n")
    result = grader("check", KATA, "--file", empty, "--json")
    checks = {c["id"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["signatures"]["status"] == "fail"
    assert "defines no class named LinearRegression" in checks["signatures"]["message"]
    skipped = [c for c in checks.values() if c["status"] == "skip"]
    assert len(skipped) >= 10
    assert all("does not define LinearRegression" in c["message"] for c in skipped)
    assert {c["category"] for c in checks.values() if c["status"] == "todo"} == {"quiz"}
    shown = grader("check", KATA, "--file", empty).stdout
    assert f"{len(skipped)} other checks were not run" in shown
    assert "AttributeError" not in shown


@pytest.mark.slow
def test_json_output_is_one_object_with_the_documented_fields(grader):
    result = grader("check", KATA, "--reference", "--json", "--seed", "3")
    report = json.loads(result.stdout)  # fails if anything else is on stdout
    assert set(report) == {"kata", "target", "verdict", "seed", "duration_s", "isolation",
                           "checks"}
    assert (report["kata"], report["verdict"], report["seed"]) == (KATA, "pass", 3)
    categories = {c["category"] for c in report["checks"]}
    assert categories == {"api", "shapes", "correctness", "convergence", "vectorization",
                          "robustness", "performance", "quiz"}
    assert all(set(c) == {"id", "category", "status", "message"} for c in report["checks"])


@pytest.mark.slow
def test_same_seed_reproduces_the_same_messages(grader):
    wrong = ROOT / "tests" / "katas" / KATA / "golden" / "fail__no_divide_by_n.py"
    first, second = (json.loads(grader("check", KATA, "--file", wrong, "--json", "--seed",
                                       "11").stdout) for _ in range(2))
    messages = [[c["message"] for c in r["checks"] if c["category"] != "performance"]
                for r in (first, second)]
    assert messages[0] == messages[1]
    assert "seed 11" in " ".join(messages[0])


@pytest.mark.slow
def test_human_output_groups_checks_and_ends_with_the_verdict(grader):
    result = grader("check", KATA, "--reference", "--seed", "5")
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0].startswith(KATA) and "seed 5" in lines[0]
    assert lines[1].startswith("isolation: ")  # says which isolation was in force
    assert "api" in lines and "quiz" in lines
    assert lines[-1].startswith("Verdict: PASS")


def test_no_target_and_no_workspace_file_explains_what_to_pass(grader):
    result = grader("check", KATA)
    assert result.returncode == 2
    assert "python grader.py start linear_regression" in result.stderr


def test_json_and_format_together_are_refused(grader):
    result = grader("check", KATA, "--reference", "--json", "--format", "junit")
    assert result.returncode == 2 and result.stdout == ""
    assert "not allowed with argument --json" in result.stderr


def test_a_reader_that_leaves_early_gets_no_traceback(kit_env):
    import os
    import subprocess
    import sys
    read, write = os.pipe()
    os.close(read)  # like `| head -1` once head has exited
    try:
        result = subprocess.run([sys.executable, str(ROOT / "grader.py"), "list"],
                                stdout=write, stderr=subprocess.PIPE, text=True, env=kit_env,
                                timeout=60)
    finally:
        os.close(write)
    assert result.returncode == 1 and result.stderr == ""


def test_without_the_kit_installed_it_says_how_to_install(kit_env):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-S", str(ROOT / "grader.py"), "list"],
                            capture_output=True, text=True, env=kit_env, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "the kit is not installed" in result.stderr and "pip install -e ." in result.stderr
