"""The learner's working copy of a kata (``workspace/<slug>.py``); never overwritten silently.

``start --fresh`` keeps the previous file twice: in the history, and as a plain file in
``workspace/.attempts/<slug>-<YYYYmmdd-HHMMSS>.py`` (never overwritten) to open or diff.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from katakit import paths
from katakit.text import source_text
from katakit.catalog import Kata
from katakit.learner.history import History

ATTEMPTS = ".attempts"


@dataclass(frozen=True)
class Started:
    path: Path
    created: bool
    """False when the file already existed and was left alone."""
    kept: Path | None = None
    """Where --fresh kept the earlier attempt it replaced (also kept in the history)."""


def start(kata: Kata, history: History, fresh: bool = False) -> Started:
    """Copy the stub into the workspace and open a round; ``fresh`` keeps the old file."""
    path = paths.workspace_file(kata.slug)
    if path.exists() and not fresh:
        if history.current_round(kata.slug) is None:
            history.start_round(kata.slug, "start")
        return Started(path, created=False)
    previous = source_text(path) if path.exists() else None
    kept = keep_attempt(kata.slug, path, history.clock()) if previous is not None else None
    history.start_round(kata.slug, "fresh" if previous is not None else "start", previous)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".py.tmp")
    temporary.write_text(kata.stub_path.read_text(encoding="utf-8"), encoding="utf-8")
    temporary.replace(path)  # atomic: a kill never leaves half a file
    return Started(path, created=True, kept=kept)


def keep_attempt(slug: str, path: Path, now: float) -> Path:
    """Copy ``path`` to a new file under workspace/.attempts/ (a suffix avoids any clash)."""
    folder = paths.workspace_dir() / ATTEMPTS
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    content = path.read_bytes()
    for number in range(1, 1000):
        kept = folder / (f"{slug}-{stamp}.py" if number == 1 else f"{slug}-{stamp}-{number}.py")
        try:
            with open(kept, "xb") as handle:  # exclusive: never overwrites
                handle.write(content)
            return kept
        except FileExistsError:
            continue
    raise FileExistsError(f"too many kept attempts named {slug}-{stamp}*.py in {folder}")
