"""The README's commands are the ones CI runs, so they are known to work on a fresh clone."""

from conftest import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci_command = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci_command in readme
    assert ci_command.endswith("python -m pytest")


def test_readme_grades_the_reference_on_a_fresh_machine():
    readme = (ROOT / "README.md").read_text()
    assert ("pip install -e . && python grader.py check linear_regression --reference"
            in readme)


def test_readme_catalogue_table_is_the_one_generated_from_the_manifests():
    from katakit.examiner import devcheck
    readme = (ROOT / "README.md").read_text()
    assert devcheck.readme_table() in readme, "run: python grader.py dev readme"
