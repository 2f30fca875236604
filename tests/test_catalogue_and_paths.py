"""The catalogue in tracks (list, next, progress), and next commands that work from wherever
the learner stands."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from inprocess import kit  # noqa: F401 (a fixture)
from katakit import catalog

VENV_BIN = Path(sys.executable).parent


def path_env(kit_env) -> dict:
    """The environment of a learner whose virtual environment is active."""
    return {**kit_env, "PATH": f"{VENV_BIN}{os.pathsep}{kit_env.get('PATH', '')}"}


def test_list_groups_the_katas_by_track_in_path_order(kit):
    listed = kit("list", columns=100).stdout
    tracks = [t for t in catalog.TRACKS if any(k.track == t for k in catalog.all_katas())]
    positions = [listed.index(f"\n{t} ") for t in tracks]
    assert positions == sorted(positions)
    for kata in catalog.all_katas():  # each kata under its own track's heading
        heading = max((p, t) for p, t in zip(positions, tracks) if p < listed.index(kata.slug))
        assert heading[1] == kata.track, kata.slug
    rows = json.loads(kit("list", "--json").stdout)
    assert {r["kata"]: r["track"] for r in rows} == {k.slug: k.track for k in
                                                     catalog.all_katas()}


def test_list_narrows_by_track_and_difficulty(kit):
    rows = json.loads(kit("list", "--track", "regression", "--difficulty", "medium",
                             "--json").stdout)
    assert rows and all(r["track"] == "regression" and r["difficulty"] == "medium"
                        for r in rows)
    for spelling in ("Neural-Networks", "neural_networks", "neural"):
        result = kit("list", "--track", spelling, "--json")
        assert result.returncode == 0, result.stderr
        assert all(r["track"] == "neural networks" for r in json.loads(result.stdout))
    assert "no track 'sport'" in kit("list", "--track", "sport").stderr


def _passed_long_ago(kit_env, slug: str, days: float) -> None:
    """``slug`` passed ``days`` ago in a round started just before."""
    from katakit.learner.history import History
    from katakit.results import Category, CheckResult, Report, Status
    then = time.time() - days * 86_400
    clock = iter([then, then + 300])
    history = History(Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3", lambda: next(clock))
    history.start_round(slug, "start")
    check = CheckResult("x", Category.CORRECTNESS, Status.PASS)
    history.record_check(Report(slug, "ws.py", 1, 0.5, (check,)), "check", "")
    history.close()


def test_next_proposes_the_first_kata_of_the_path_then_an_overdue_review(kit, kit_env):
    first = catalog.all_katas()[0].slug
    fresh = json.loads(kit("next", "--json").stdout)
    assert fresh[0]["kata"] == first and not fresh[0]["review"]
    assert fresh[0]["command"].endswith(f"start {first}")
    _passed_long_ago(kit_env, first, days=5)  # the first interval is a day: overdue
    due = json.loads(kit("next", "--json").stdout)
    assert due[0]["kata"] == first and due[0]["review"] and "--fresh" in due[0]["command"]
    assert due[1]["kata"] == catalog.all_katas()[1].slug and not due[1]["review"]
    shown = kit("next").stdout
    assert f"Next: {first}" in shown and "due for review since 4 d" in shown
    assert "Or: " in shown
    track = json.loads(kit("next", "--track", "classification", "--json").stdout)
    assert catalog.load(track[0]["kata"]).track == "classification"


def test_progress_summarises_by_track(kit, kit_env):
    first = catalog.all_katas()[0]
    _passed_long_ago(kit_env, first.slug, days=5)
    report = json.loads(kit("progress", "--json").stdout)
    tracks = {t["track"]: t for t in report["tracks"]}
    assert tracks[first.track]["passed"] == 1 and tracks[first.track]["due"] == 1
    assert tracks[first.track]["katas"] == sum(k.track == first.track
                                               for k in catalog.all_katas())
    shown = kit("progress").stdout
    assert "By track" in shown and f"Next: {first.slug}, due for review" in shown
    only = json.loads(kit("progress", "--track", "regression", "--json").stdout)
    assert [t["track"] for t in only["tracks"]] == ["regression"]


# next commands that work from where the learner stands ----------------------------------------

def _command_after(marker: str, text: str) -> list[str]:
    line = next(line for line in text.splitlines() if marker in line)
    return shlex.split(line.split(marker, 1)[1].strip())


@pytest.mark.parametrize("where", ["root", "subfolder", "elsewhere"])
def test_a_printed_command_runs_as_printed_from_where_the_learner_stands(kit_env, tmp_path,
                                                                         where):
    cwd = {"root": ROOT, "subfolder": ROOT / "problems", "elsewhere": tmp_path}[where]
    grader_path = os.path.relpath(ROOT / "grader.py", cwd) if where != "elsewhere" else \
        str(ROOT / "grader.py")
    shown = subprocess.run([sys.executable, grader_path, "show", "r2_score"], cwd=cwd,
                           capture_output=True, text=True, env=path_env(kit_env), timeout=60)
    command = _command_after("Start it with:", shown.stdout)
    expected = {"root": "grader.py", "subfolder": "../grader.py",
                "elsewhere": str(ROOT / "grader.py")}[where]
    assert command[:2] == ["python", expected]
    started = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                             env=path_env(kit_env), timeout=60)
    assert started.returncode == 0, started.stderr
    check = _command_after("grade it with:", started.stdout)
    assert check[:2] == ["python", expected] and check[2:] == ["check", "r2_score"]


def test_the_installed_script_says_kata(kit_env, tmp_path):
    script = VENV_BIN / "kata"
    if not script.exists():
        pytest.skip("the kit is not installed as a console script here")
    result = subprocess.run([str(script), "start", "r2_score"], cwd=tmp_path,
                            capture_output=True, text=True, env=path_env(kit_env), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "grade it with: kata check r2_score" in result.stdout
    assert (tmp_path / result.stdout.splitlines()[0]).is_file()  # the path works from here


def test_an_inactive_virtual_environment_is_named_in_the_command(kit_env):
    env = {**kit_env, "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, str(ROOT / "grader.py"), "show", "r2_score"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    command = _command_after("Start it with:", result.stdout)
    assert Path(ROOT, command[0]).resolve() == Path(sys.executable).resolve() or \
        command[0] in ("python", "python3")
    assert command[1:] == ["grader.py", "start", "r2_score"]
