"""Every kata's reference passes, its stub is not attempted, and every golden submission gets
exactly the verdict its name states and exactly the failing checks its header lists.

The gradings are those of ``python grader.py dev check``: each in its own grader process at the
goldens' fixed seed, two at a time, all started when the first of these tests runs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from katakit import catalog
from katakit.examiner import devcheck

JOBS = 2
KATAS = catalog.all_katas()
WORK = [(kata, *job) for kata in KATAS for job in devcheck.grading_jobs(kata)]
TEST_NAME = "test_reference_passes_stub_is_todo_and_goldens_get_their_named_verdict"


@pytest.fixture(scope="session")
def gradings(request):
    """(kata slug, subject) -> a future of its JSON report, for the tests selected (-k, -m)."""
    selected = {(item.callspec.params["kata"].slug, item.callspec.params["subject"])
                for item in request.session.items
                if getattr(item, "originalname", "") == TEST_NAME}
    pool = ThreadPoolExecutor(max_workers=JOBS)
    futures = {(kata.slug, subject): pool.submit(devcheck.grade, kata, target)
               for kata, subject, target, _ in WORK if (kata.slug, subject) in selected}
    yield futures
    pool.shutdown(cancel_futures=True)


def explain(report) -> str:
    return "\n".join(f"{c['status']:8} {c['id']}: {c['message']}"
                     for c in report.get("checks", []) if c["status"] != "pass")


@pytest.mark.slow
@pytest.mark.parametrize("kata, subject, target, expected", WORK,
                         ids=[f"{k.slug}/{s}" for k, s, _, _ in WORK])
def test_reference_passes_stub_is_todo_and_goldens_get_their_named_verdict(
        gradings, kata, subject, target, expected):
    report = gradings[(kata.slug, subject)].result()
    finding = devcheck.judge(kata, subject, target, expected, report)
    assert finding is None, f"{finding.problem}\n{explain(report)}"


def test_every_fail_golden_says_which_checks_must_fail():
    for kata in KATAS:
        for path in devcheck.goldens(kata):
            if path.stem.startswith("fail__"):
                assert devcheck.expectation(path).failing, path.name
