"""Both install kinds give a working kit, used from where a learner stands: ``pip install .``
from anywhere (the katas travel in the package), ``pip install -e .`` from any folder of the
checkout. The new environments borrow this one's dependencies; pip builds the kit itself
as it would for a learner (in an isolated build environment)."""

from __future__ import annotations

import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def fresh_venv(folder: Path, *install: str) -> Path:
    """A new virtual environment with the kit installed by ``pip install *install``."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    target = next(folder.glob("lib/python3*/site-packages"))
    (target / "borrowed.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    python = folder / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", *install], check=True, cwd=ROOT, capture_output=True,
                   timeout=600)
    return folder / "bin"


def kata(bin_folder: Path, *args, cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": f"{bin_folder}:/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run([str(bin_folder / "kata"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_pip_install_dot_works_outside_any_checkout(tmp_path):
    bin_folder = fresh_venv(tmp_path / "venv", str(ROOT))
    elsewhere, home = tmp_path / "elsewhere", tmp_path / "home"
    elsewhere.mkdir()
    listing = kata(bin_folder, "list", "--json", cwd=elsewhere, home=home)
    assert listing.returncode == 0 and '"linear_regression"' in listing.stdout, listing.stderr
    graded = kata(bin_folder, "check", "linear_regression", "--reference", "--json",
                  cwd=elsewhere, home=home)
    assert '"verdict": "pass"' in graded.stdout, graded.stdout[-2000:] + graded.stderr
    started = kata(bin_folder, "start", "linear_regression", cwd=elsewhere, home=home)
    first_line = started.stdout.splitlines()[0]
    assert (elsewhere / first_line).is_file(), started.stdout  # a path that works from here


def test_pip_install_editable_works_from_any_folder_of_the_checkout(tmp_path):
    bin_folder = fresh_venv(tmp_path / "venv", "-e", str(ROOT))
    home = tmp_path / "home"
    inside = ROOT / "docs"
    env_workspace = {"KATAKIT_WORKSPACE": str(tmp_path / "ws")}
    result = subprocess.run([str(bin_folder / "kata"), "start", "linear_regression"],
                            capture_output=True, text=True, cwd=inside, timeout=120,
                            env={"PATH": f"{bin_folder}:/usr/bin:/bin", "HOME": str(home),
                                 "KATAKIT_DATA": str(tmp_path / "data"), **env_workspace})
    assert result.returncode == 0, result.stderr
    shown = result.stdout.splitlines()[0]
    assert (inside / shown).resolve() == (tmp_path / "ws" / "linear_regression.py").resolve()
    listing = subprocess.run([str(bin_folder / "kata"), "list", "--json"], capture_output=True,
                             text=True, cwd=inside, timeout=120,
                             env={"PATH": f"{bin_folder}:/usr/bin:/bin", "HOME": str(home),
                                  "KATAKIT_DATA": str(tmp_path / "data")})
    assert '"linear_regression"' in listing.stdout, listing.stderr
