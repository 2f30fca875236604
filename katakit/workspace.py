"""The learner's working copy of a kata (``workspace/<slug>.py``); never overwritten silently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from katakit import paths
from katakit.catalog import Kata
from katakit.history import History


@dataclass(frozen=True)
class Started:
    path: Path
    created: bool
    """False when the file already existed and was left alone."""
    archived: bool = False
    """True when --fresh replaced an earlier attempt (kept in the history)."""


def start(kata: Kata, history: History, fresh: bool = False) -> Started:
    """Copy the stub into the workspace and open a round; ``fresh`` archives the old file."""
    path = paths.workspace_file(kata.slug)
    if path.exists() and not fresh:
        if history.current_round(kata.slug) is None:
            history.start_round(kata.slug, "start")
        return Started(path, created=False)
    previous = path.read_text(encoding="utf-8", errors="replace") if path.exists() else None
    history.start_round(kata.slug, "fresh" if previous is not None else "start", previous)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".py.tmp")
    temporary.write_text(kata.stub_path.read_text(encoding="utf-8"), encoding="utf-8")
    temporary.replace(path)  # atomic: a kill never leaves half a file
    return Started(path, created=True, archived=previous is not None)
