"""The worker's audit hook: what a submission may not do inside its own process.

An in-process audit hook is a tripwire against accidents and casual tricks, not a security
boundary (CPython documents it as such); code written by others is graded inside Linux
namespaces as well (see ``katakit.candidate.isolation``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[2]
PROTECTED = tuple(str(KIT_ROOT / folder) for folder in ("solutions", "tests", "katakit", ".git"))
SPAWNING = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
            "os.forkpty", "pty.spawn"}
CHANGING = {"os.rename", "os.link", "os.symlink", "os.remove", "os.rmdir", "os.truncate",
            "os.chmod", "os.chown", "os.utime", "os.mkdir", "os.mkfifo", "os.mknod",
            "os.chflags", "os.lchflags", "os.setxattr", "os.removexattr", "shutil.rmtree",
            "sqlite3.connect"}
WRITING = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
HARMLESS_WRITES = ("/dev/null",)


def install_guard(graded_file: str) -> None:
    """Refuse, for the rest of this process, what would let a submission read the kit's own
    files (the reference solution, the hidden checks), change any file, reach into another
    process (``/proc/<pid>``, subprocesses) or run native code through ctypes.

    A CPython audit hook cannot be removed once added, so learner code cannot undo this.
    Grading never needs a submission to write files, so writing is refused outright: that
    also closes renaming a planted file over the kit and opening a folder to get a handle
    for ``dir_fd`` tricks (the audit event does not carry ``dir_fd``).
    """
    graded = os.path.realpath(graded_file)
    own_proc = f"/proc/{os.getpid()}"

    def refused(event, args) -> str | None:
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            return _open_problem(os.fsdecode(args[0]), args[2] if len(args) > 2 else 0,
                                 graded, own_proc)
        if event in SPAWNING or event.startswith("ctypes."):
            return f"{event} is not allowed in a kata submission"
        if event in CHANGING:
            return "a submission may not create, change or remove files"
        return None

    def guard(event, args):
        problem = refused(event, args)
        if problem:
            raise PermissionError(problem)

    sys.addaudithook(guard)


def _open_problem(name: str, flags, graded: str, own_proc: str) -> str | None:
    """Why opening ``name`` is refused, or None."""
    plain, real = os.path.abspath(name), os.path.realpath(name)
    for path in {plain, real} - {graded}:
        if any(_inside(path, folder) for folder in PROTECTED):
            return "a submission may not read the kit's own files"
        if _other_process(path, own_proc):
            return "a submission may not look into other processes"
    if isinstance(flags, int) and flags & WRITING and real not in HARMLESS_WRITES:
        return f"a submission may not write files (tried to open {name!r} for writing)"
    if os.path.isdir(real):
        return f"a submission may not open folders (tried {name!r})"
    return None


def _other_process(path: str, own_proc: str) -> bool:
    """``/proc/<pid>/...`` of a process other than this one (``/proc/self`` is ours)."""
    parts = path.split(os.sep)
    return len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() \
        and not _inside(path, own_proc)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


