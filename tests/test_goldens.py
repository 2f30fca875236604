"""Every kata's reference passes, its stub is not attempted, and every golden submission gets
exactly the verdict its name states and exactly the failing checks its header lists."""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_grader
from katakit import catalog

BAD_STATUSES = {"fail", "error", "timeout"}
EXPECT = re.compile(r"^# expect-failing:(.*)$", re.MULTILINE)


def goldens():
    for kata in catalog.all_katas():
        for path in sorted(kata.golden_dir.glob("*__*.py")):
            yield pytest.param(kata, path, id=f"{kata.slug}/{path.stem}")


def expected_failures(path) -> set[str]:
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    return {name.strip() for name in match.group(1).split(",")} if match else set()


def grade_json(kata_slug, *target, seed=7) -> dict:
    result = run_grader("check", kata_slug, *target, "--json", "--seed", seed)
    report = json.loads(result.stdout)
    verdict_exit = 0 if report["verdict"] == "pass" else 1
    assert result.returncode == verdict_exit, result.stderr
    return report


def failing(report) -> set[str]:
    return {c["id"] for c in report["checks"] if c["status"] in BAD_STATUSES}


def explain(report) -> str:
    return "\n".join(f"{c['status']:8} {c['id']}: {c['message']}" for c in report["checks"]
                     if c["status"] != "pass")


@pytest.mark.slow
@pytest.mark.parametrize("kata", catalog.all_katas(), ids=lambda k: k.slug)
def test_reference_solution_passes_every_check(kata):
    report = grade_json(kata.slug, "--reference")
    assert report["verdict"] == "pass", explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("kata", catalog.all_katas(), ids=lambda k: k.slug)
def test_untouched_stub_is_reported_not_attempted(kata):
    report = grade_json(kata.slug, "--file", kata.stub_path)
    assert report["verdict"] == "todo", explain(report)
    assert not failing(report), explain(report)


@pytest.mark.slow
@pytest.mark.parametrize("kata, path", list(goldens()))
def test_golden_submission_gets_its_named_verdict(kata, path):
    verdict = path.stem.split("__")[0]
    report = grade_json(kata.slug, "--file", path)
    assert (report["verdict"], failing(report)) == (verdict, expected_failures(path)), \
        explain(report)


def test_every_kata_has_golden_mistakes_and_alternative_correct_styles():
    for kata in catalog.all_katas():
        names = [p.stem for p in kata.golden_dir.glob("*__*.py")]
        assert sum(n.startswith("pass__") for n in names) >= 2, kata.slug
        assert sum(n.startswith("fail__") for n in names) >= 3, kata.slug
        for path in kata.golden_dir.glob("fail__*.py"):
            assert expected_failures(path), f"{path.name} lists no expected failing check"
