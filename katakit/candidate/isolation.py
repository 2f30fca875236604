"""How a worker process is started: plainly, or inside Linux namespaces.

An :class:`Isolation` turns "run the worker script on this submission" into a command line and
tells the worker where things are from its own point of view (the submission's path, the
folders it must not read). ``NONE`` starts the worker as a plain child process; the audit hook
in the worker is then the only guard (a tripwire, not a wall).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from katakit import paths


@dataclass(frozen=True)
class Launch:
    """One worker start, as the examiner needs to know it."""

    command: list[str]
    learner_path: str
    """The submission's path as the worker sees it."""
    protected: tuple[str, ...]
    """Folders the worker's guard refuses to open, as the worker sees them."""
    home: str
    """HOME for the worker: its private temporary folder."""
    pid_of_worker: object = field(default=None, compare=False)

    def worker_pid(self, launched_pid: int) -> int:
        """The pid of the Python process itself (a launcher may stand in between)."""
        return self.pid_of_worker(launched_pid) if self.pid_of_worker else launched_pid


@dataclass(frozen=True)
class Isolation:
    """A way to start workers; ``name`` is what reports say is in force."""

    name: str
    summary: str

    def launch(self, submission: Path, workdir: Path, worker_script: Path,
               pass_fds: tuple[int, ...]) -> Launch:
        command = [sys.executable, "-I", "-B", str(worker_script), *map(str, pass_fds)]
        return Launch(command, str(submission.resolve()), kit_folders(), str(workdir))


NONE = Isolation("none", "no isolation: the submission runs as you, guarded by an audit hook "
                         "only")


def kit_folders() -> tuple[str, ...]:
    """The kit's own folders a submission must not read: the reference solutions, the hidden
    checks, the grader and the repository."""
    root = paths.kit_root()
    package = Path(__file__).resolve().parents[1]
    return tuple(str(p) for p in (root / "solutions", root / "tests", root / ".git", package))
