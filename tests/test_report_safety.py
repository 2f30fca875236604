"""Nothing a submission says can garble a report: text, JSON, JUnit and Gradescope output of a
submission that tries (escape sequences, a bell, lone surrogates, a 12 MB class name, a fake
verdict printed at import) stay clean, small and parsable."""

from __future__ import annotations

import json

import pytest
from junitparser import JUnitXml

from conftest import ROOT

GOLDEN = ROOT / "tests" / "katas" / "linear_regression" / "golden" / "fail__garbles_the_report.py"
pytestmark = pytest.mark.slow


def test_the_text_report_has_no_control_characters_and_no_forged_verdict(grader):
    result = grader("check", "linear_regression", "--file", GOLDEN, "--seed", "7")
    assert result.returncode == 1
    assert not any(c in result.stdout for c in "\x1b\x07\x00") and "\ud800" not in result.stdout
    assert "Verdict: PASS" not in result.stdout and "Verdict: FAIL" in result.stdout
    assert len(result.stdout) < 50_000


def test_junit_and_gradescope_outputs_parse(grader, tmp_path):
    junit = grader("check", "linear_regression", "--file", GOLDEN, "--seed", "7",
                   "--format", "junit")
    (tmp_path / "report.xml").write_text(junit.stdout, encoding="utf-8")
    suite = next(iter(JUnitXml.fromfile(str(tmp_path / "report.xml"))))
    assert suite.failures + suite.errors >= 5 and suite.skipped >= 3  # the garbled text in all
    gradescope = json.loads(grader("check", "linear_regression", "--file", GOLDEN, "--seed",
                                   "7", "--format", "gradescope").stdout)
    assert gradescope["score"] < len(gradescope["tests"])
    assert all("\x1b" not in t["output"] for t in gradescope["tests"])
