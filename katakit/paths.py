"""Where the learner's own files live: the workspace and the data folder (both git-ignored).

``KATAKIT_WORKSPACE`` and ``KATAKIT_DATA`` move them, e.g. for tests or a shared machine.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def workspace_dir() -> Path:
    return Path(os.environ.get("KATAKIT_WORKSPACE") or ROOT / "workspace")


def workspace_file(slug: str) -> Path:
    return workspace_dir() / f"{slug}.py"


def data_dir() -> Path:
    return Path(os.environ.get("KATAKIT_DATA") or ROOT / ".katakit")
