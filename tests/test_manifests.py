"""Every kata is declared once, completely: manifest, statement, stub, reference, checks; what
``dev check`` proves without grading holds for every kata, and ``dev check`` finds a kata that
is broken on purpose."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from katakit import catalog
from katakit.examiner import devcheck
from katakit.results import Category

KATAS = catalog.all_katas()


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_dev_check_finds_nothing_wrong_without_grading(kata):
    findings = devcheck.check_manifest(kata.slug)
    assert not findings, "\n".join(f"{f.subject}: {f.problem}" for f in findings)


def checks_of(kata) -> dict:
    spec = importlib.util.spec_from_file_location(f"checks_{kata.slug}", kata.checks_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items()
            if name.startswith("test_") and callable(value)}


@pytest.mark.parametrize("kata", KATAS, ids=lambda k: k.slug)
def test_every_check_has_one_known_category_and_a_learner_facing_docstring(kata):
    checks = checks_of(kata)
    assert set(checks) == {f"test_{i}" for i in devcheck.check_ids(kata)
                           - devcheck.GENERIC_CHECKS}
    for name, check in checks.items():
        marks = [m for m in getattr(check, "pytestmark", []) if m.name == "check"]
        assert len(marks) == 1 and Category(marks[0].args[0]), name
        assert (check.__doc__ or "").strip(), f"{name} needs a learner-facing docstring"


def test_unknown_kata_suggests_close_names():
    with pytest.raises(catalog.CatalogError, match="did you mean linear_regression"):
        catalog.load("linear_regresion")


def test_catalogue_is_a_learning_path_track_by_track_from_easy_to_hard():
    order = [(catalog.TRACKS.index(k.track), catalog.DIFFICULTIES.index(k.difficulty),
              k.minutes) for k in KATAS]
    assert order == sorted(order)


@pytest.fixture
def broken_kit(tmp_path, monkeypatch):
    """A copy of the kit's katas where linear_regression can be broken on purpose."""
    from katakit import paths
    root = tmp_path / "kit"
    for folder in ("problems", "solutions", "tests/katas/linear_regression"):
        shutil.copytree(paths.kit_root() / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(paths.kit_root() / "README.md", root / "README.md")
    monkeypatch.setenv("KATAKIT_ROOT", str(root))
    paths.kit_root.cache_clear()
    yield root / "tests" / "katas" / "linear_regression"
    paths.kit_root.cache_clear()


def test_dev_check_names_a_golden_with_a_wrong_name_and_a_hint_to_nowhere(broken_kit):
    golden = broken_kit / "golden"
    (golden / "fail__sign_error.py").rename(golden / "failed__sign_error.py")
    manifest = broken_kit / "kata.toml"
    manifest.write_text(manifest.read_text().replace('checks = ["init_parameters"',
                                                     'checks = ["no_such_check"', 1))
    statement = broken_kit.parents[2] / "problems" / "linear_regression.md"
    statement.write_text(statement.read_text().replace(
        "check linear_regression ", "check linear_regression --file workspace/x.py ", 1))
    found = {(f.subject, f.problem.split(":")[0])
             for f in devcheck.check_manifest("linear_regression")}
    assert ("failed__sign_error.py", "a golden's name starts with pass__ or fail__") in found
    assert ("manifest", "hint 1 points at checks that do not exist") in found
    assert ("linear_regression.md", "a command passes --file workspace/...") in found


@pytest.mark.slow
def test_dev_check_grades_a_failing_reference_and_a_passing_stub_as_wrong(broken_kit):
    kata = catalog.load("linear_regression")
    jobs = {job[0]: job for job in devcheck.grading_jobs(kata)}
    findings = {}
    kata.stub_path.write_text(kata.solution_path.read_text())  # a "stub" already solved
    subject, target, expected = jobs["stub"]
    findings["stub"] = devcheck.judge(kata, subject, target, expected,
                                      devcheck.grade(kata, target))
    reference = kata.solution_path  # then a reference that is wrong
    reference.write_text(reference.read_text().replace("2 / n", "1 / n"))
    subject, target, expected = jobs["reference"]
    findings["reference"] = devcheck.judge(kata, subject, target, expected,
                                           devcheck.grade(kata, target))
    assert "verdict fail, expected pass" in findings["reference"].problem
    assert "verdict pass, expected todo" in findings["stub"].problem
    assert findings["reference"].next_step.startswith("python grader.py check linear_regression")


def test_a_golden_whose_message_says_what_it_must_not_is_a_finding(tmp_path):
    golden = tmp_path / "fail__x.py"
    golden.write_text('"""x"""\n# expect-failing: a\n# never-says: dx = secret\n')
    expected = devcheck.expectation(golden)
    kata = catalog.load("batchnorm")
    report = {"verdict": "fail", "checks": [
        {"id": "a", "status": "fail", "message": "wrong: the answer is dx = secret(x)"}]}
    finding = devcheck.judge(kata, golden.name, ["--file", str(golden)], expected, report)
    assert finding is not None and "a's message says 'dx = secret'" in finding.problem
    report["checks"][0]["message"] = "wrong: dx treats mu as a constant"
    assert devcheck.judge(kata, golden.name, ["--file", str(golden)], expected, report) is None
