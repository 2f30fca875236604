"""Where things are: the kit's katas, and the learner's own files (workspace and history).

The katas (``problems/``, ``solutions/``, ``tests/katas/``, ``data/``) are found, in order:
``KATAKIT_ROOT``; the checkout this package was loaded from (a checkout, or ``pip install -e
.``); a checkout around the current folder; the copy bundled in the package (``pip install .``).

The learner's files live in the checkout (``workspace/``, ``.katakit/``, both git-ignored), or in
``~/katakit/`` for an installed kit used outside a checkout. ``KATAKIT_WORKSPACE`` and
``KATAKIT_DATA`` move them, e.g. for tests or a shared machine.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "kit"  # where a wheel carries the katas (see pyproject.toml)


def is_kit(folder: Path) -> bool:
    return (folder / "tests" / "katas").is_dir() and (folder / "problems").is_dir()


@functools.cache
def kit_root() -> Path:
    """The folder holding ``problems/``, ``solutions/`` and ``tests/katas/``."""
    if os.environ.get("KATAKIT_ROOT"):
        return Path(os.environ["KATAKIT_ROOT"]).resolve()
    if is_kit(PACKAGE.parent):
        return PACKAGE.parent
    for folder in (Path.cwd(), *Path.cwd().parents):
        if is_kit(folder) and (folder / "grader.py").is_file():
            return folder
    return BUNDLED


def dataset(name: str) -> Path:
    """A data file shipped with the kit (``data/<name>``), e.g. a real regression dataset."""
    return kit_root() / "data" / name


def is_checkout() -> bool:
    """True when the katas come from a checkout the learner can work in (not the bundle)."""
    return kit_root() != BUNDLED


def home() -> Path:
    """Where the learner's files go by default: the checkout, or ``~/katakit``."""
    return kit_root() if is_checkout() else Path.home() / "katakit"


def workspace_dir() -> Path:
    return Path(os.environ.get("KATAKIT_WORKSPACE") or home() / "workspace")


def workspace_file(slug: str) -> Path:
    return workspace_dir() / f"{slug}.py"


def data_dir() -> Path:
    return Path(os.environ.get("KATAKIT_DATA") or home() / ".katakit")


def shown(path: Path) -> str:
    """``path`` as the user should type it from the current folder: relative when it is
    below it, absolute otherwise (never a relative path that does not exist from here)."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
