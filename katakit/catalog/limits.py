"""Resource limits and deadlines for one learner process; a manifest's ``[limits]`` overrides
the defaults per kata."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Resource limits and deadlines for one learner process (overridable per kata)."""

    call_seconds: float = 3.0
    """Deadline of one ordinary call on small data."""
    load_seconds: float = 20.0
    """Deadline for starting Python, importing NumPy and executing the learner's file."""
    memory_mb: int = 2048
    """Address-space limit (RLIMIT_AS) of the worker."""
    restart_seconds: float = 40.0
    """After this long since the first start, a killed worker is not started again: the
    checks left report a timeout, so a slow import plus a hang cannot stretch grading past
    a minute."""
    cpu_seconds: int = 120
    """CPU time limit of one worker process (a backstop behind the deadlines)."""
    file_mb: int = 16
    """Largest file the learner's code may write (writing is refused anyway; this also bounds
    what a file held in memory can take)."""
    open_files: int = 64
    """Open file descriptors the worker may hold."""
    output_kb: int = 16
    """How much of the learner's printed output is kept (half head, half tail)."""

    def rlimits(self) -> dict:
        return {"RLIMIT_AS": self.memory_mb << 20, "RLIMIT_CPU": self.cpu_seconds,
                "RLIMIT_FSIZE": self.file_mb << 20, "RLIMIT_CORE": 0,
                "RLIMIT_NOFILE": self.open_files}
