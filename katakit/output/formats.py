"""A grading Report in the formats other tools consume: JSON, JUnit XML, Gradescope.

JUnit XML is what CI systems read (GitHub Actions reporters, GitLab, Jenkins); the Gradescope
``results.json`` follows the autograder specification (score, execution_time, output,
visibility, tests[] with name/score/max_score/status/output/visibility).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from katakit.results import Report, Status

FORMATS = ("text", "json", "junit", "gradescope")


def to_json(report: Report) -> str:
    return json.dumps(report.to_json_dict())


def to_junit(report: Report) -> str:
    """One <testsuite> per report, one <testcase> per check (classname = kata.category).

    A ``todo`` (not attempted yet) is a <failure type="todo">, so an untouched stub is not
    green on a CI dashboard; only ``skip`` (could not run) is <skipped>."""
    counts = {
        "tests": len(report.checks),
        "failures": sum(c.status in (Status.FAIL, Status.TODO) for c in report.checks),
        "errors": sum(c.status in (Status.ERROR, Status.TIMEOUT) for c in report.checks),
        "skipped": sum(c.status is Status.SKIP for c in report.checks),
    }
    suites = ET.Element("testsuites", {k: str(v) for k, v in counts.items()},
                        time=f"{report.duration_s:.3f}", name="katakit")
    suite = ET.SubElement(suites, "testsuite", {k: str(v) for k, v in counts.items()},
                          name=f"katakit.{report.kata}", time=f"{report.duration_s:.3f}")
    properties = ET.SubElement(suite, "properties")
    for name, value in (("kata", report.kata), ("target", report.target),
                        ("seed", report.seed), ("verdict", report.verdict.value),
                        ("isolation", report.isolation)):
        ET.SubElement(properties, "property", name=name, value=str(value))
    for check in report.checks:
        case = ET.SubElement(suite, "testcase", name=check.id, time="0",
                             classname=f"{report.kata}.{check.category.value}")
        if check.status is Status.FAIL:
            ET.SubElement(case, "failure", message=check.message, type="fail").text = \
                check.message
        elif check.status is Status.TODO:
            message = f"not attempted yet: {check.message}"
            ET.SubElement(case, "failure", message=message, type="todo").text = message
        elif check.status in (Status.ERROR, Status.TIMEOUT):
            ET.SubElement(case, "error", message=check.message,
                          type=check.status.value).text = check.message
        elif check.status is Status.SKIP:
            ET.SubElement(case, "skipped", message=f"skip: {check.message}")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def to_gradescope(report: Report, points_per_check: float = 1.0) -> str:
    """Gradescope autograder results.json: one visible test per check, 1 point each."""
    tests = []
    for number, check in enumerate(report.checks, 1):
        passed = check.status is Status.PASS
        tests.append({
            "name": f"{check.category.value}: {check.id}",
            "number": str(number),
            "score": points_per_check if passed else 0.0,
            "max_score": points_per_check,
            "status": "passed" if passed else "failed",
            "output": (check.title if passed else f"[{check.status.value}] {check.message}"),
            "tags": [check.category.value],
            "visibility": "visible",
        })
    results = {
        "score": sum(t["score"] for t in tests),
        "execution_time": round(report.duration_s, 3),
        "output": f"{report.kata}: verdict {report.verdict.value} (seed {report.seed}; "
                  f"reproduce with --seed {report.seed}). Isolation: {report.isolation}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    return json.dumps(results)
