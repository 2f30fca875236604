"""How a worker process is started: inside Linux namespaces (bubblewrap), or plainly.

With ``bubblewrap`` (Debian's package of that name, command ``bwrap``, the sandbox Flatpak
uses) every worker gets its own user, PID, mount, network, IPC and UTS namespaces: it sees a
filesystem holding only the Python installation (read-only), the worker's own code
(read-only), a private copy of the one submission (read-only) and an empty private ``/tmp``;
it runs as an unprivileged user (``nobody`` inside), has no network, cannot see or signal any
process outside its own namespace, and dies with its grader (``--die-with-parent``; when the
namespace's first process dies the kernel kills every process in it). Where the machine lets
the grader create cgroups (as root, cgroup v1 or a delegated v2), each worker also gets a
memory limit that counts every byte it holds (files in memory included) and a process-count
limit.

Without it (``NONE``) the worker is a plain child process and the in-process audit hook is the
only guard: a tripwire, not a wall.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from katakit import paths

INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap)"
SUBMISSION_DIR = "/submission"
NOBODY = 65534
PROCESS_LIMIT = 64
TMP_BYTES = 64 << 20  # the private /tmp


class IsolationUnavailable(Exception):
    """Isolation was required and this machine has none; the message says what to install."""


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
    cgroups: tuple[Path, ...] = ()
    """The cgroups the worker runs in (removed when it stops)."""
    nested: bool = field(default=False, compare=False)
    """The Python process is a descendant of the launched one (bwrap stands in between)."""

    def worker_pid(self, launched_pid: int) -> int:
        """The pid of the Python process itself, for measuring it from outside."""
        return _python_below(launched_pid) if self.nested else launched_pid

    def release(self) -> None:
        """Kill anything left in the worker's cgroups and remove them."""
        for group in self.cgroups:
            _empty_and_remove(group)


@dataclass(frozen=True)
class Isolation:
    """A way to start workers; ``name`` and ``summary`` are what reports say is in force."""

    name: str
    summary: str

    def launch(self, submission: Path, workdir: Path, worker_script: Path,
               pass_fds: tuple[int, ...], memory_mb: int = 2048) -> Launch:
        command = [sys.executable, "-I", "-B", str(worker_script), *map(str, pass_fds)]
        return Launch(command, str(submission.resolve()), kit_folders(), str(workdir))

    @property
    def isolated(self) -> bool:
        return self.name != "none"


NONE = Isolation("none", "none: the submission runs as you, guarded by an in-process audit "
                         "hook only")


@dataclass(frozen=True)
class Bubblewrap(Isolation):
    """Workers inside bubblewrap, with cgroup limits where the machine allows them."""

    bwrap: str = "bwrap"
    cgroup_roots: tuple[Path, ...] = ()

    def launch(self, submission: Path, workdir: Path, worker_script: Path,
               pass_fds: tuple[int, ...], memory_mb: int = 2048) -> Launch:
        private = workdir / "submission"
        private.mkdir(exist_ok=True)
        copy = private / submission.name
        shutil.copyfile(submission, copy)  # a private copy: nobody else's file, and ours stays
        inside = f"{SUBMISSION_DIR}/{submission.name}"
        command = [self.bwrap, *sandbox_arguments(worker_script), "--ro-bind", str(copy),
                   inside, "--remount-ro", "/dev", "--remount-ro", "/", sys.executable, "-I",
                   "-B", str(worker_script),
                   *map(str, pass_fds)]
        groups = tuple(_new_cgroup(root, memory_mb << 20) for root in self.cgroup_roots)
        groups = tuple(g for g in groups if g is not None)
        if groups:
            joins = "; ".join(f"echo $$ > {g / 'cgroup.procs'}" for g in groups)
            command = ["/bin/sh", "-c", f'{joins}; exec "$0" "$@"', *command]
        return Launch(command, inside, (), "/tmp", groups, nested=True)


def run_inside(isolate: Bubblewrap, code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -I -c code`` in a sandbox exactly like a worker's, without the worker's
    in-process guard: what it can and cannot do is what the operating system enforces. (For
    the kit's own tests, which attempt what a hostile submission would.)"""
    with tempfile.TemporaryDirectory(prefix="katakit-probe-") as folder:
        script = Path(folder) / "probe.py"
        script.write_text(code, encoding="utf-8")
        launch = isolate.launch(script, Path(folder), Path(__file__).with_name("worker.py"), ())
        command = launch.command[:launch.command.index(sys.executable) + 1] + \
            ["-I", "-B", launch.learner_path]
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  start_new_session=True)
        finally:
            launch.release()


def sandbox_arguments(worker_script: Path) -> list[str]:
    """bwrap's arguments: namespaces, the read-only system and Python, the worker's code."""
    args = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
            "--new-session",
            "--uid", str(NOBODY), "--gid", str(NOBODY), "--cap-drop", "ALL",
            "--proc", "/proc", "--dev", "/dev", "--size", str(TMP_BYTES), "--tmpfs", "/tmp",
            "--chdir", "/tmp", "--setenv", "HOME", "/tmp"]
    args += _system_binds()
    for folder in python_folders():
        args += ["--ro-bind", str(folder), str(folder)]
    package = Path(worker_script).resolve().parents[1]
    if any(_inside(package, Path(p).resolve()) for p in (sys.prefix, sys.base_prefix)):
        args += ["--tmpfs", str(package)]  # an installed kit: hide all of it but the worker
    args += ["--ro-bind", str(package / "__init__.py"), str(package / "__init__.py"),
             "--ro-bind", str(package / "candidate"), str(package / "candidate")]
    return args


def python_folders() -> list[Path]:
    """What the worker's Python needs: the installation, the virtual environment, and any
    other folder on ``sys.path`` (a ``.pth`` file may add one), never the kit's own folders."""
    kit = paths.kit_root().resolve()
    secret = [Path(f).resolve() for f in kit_folders()]
    found = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    for entry in sys.path:
        folder = Path(entry or ".").resolve()
        if not folder.is_dir() or folder == Path("/") or _inside(kit, folder) or \
                any(_inside(folder, s) for s in secret):
            continue  # the kit's root (or above it) or its folders: never in a sandbox
        found.add(folder)
    outermost = [f for f in found if not any(f != g and _inside(f, g) for g in found)]
    return sorted(outermost)


def _system_binds() -> list[str]:
    """/usr read-only, and /bin, /lib ... as they are here (symbolic links into /usr on a
    merged-/usr system)."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ("/etc/ld.so.cache", "/etc/localtime"):
        if Path(name).exists():
            args += ["--ro-bind", name, name]
    return args


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@functools.cache
def detect() -> Isolation:
    """The best isolation this machine allows, decided once per process."""
    if os.environ.get("KATAKIT_ISOLATION") == "none":
        return NONE
    bwrap = shutil.which("bwrap")
    if bwrap is None or not sys.platform.startswith("linux"):
        return NONE
    probe = [bwrap, *sandbox_arguments(Path(__file__).with_name("worker.py")), "/bin/true"]
    try:
        if subprocess.run(probe, capture_output=True, timeout=20).returncode != 0:
            return NONE
    except (OSError, subprocess.TimeoutExpired):
        return NONE
    roots = _cgroup_roots()
    limits = "memory and process-count cgroups" if roots else "rlimits only (no cgroups here)"
    summary = (f"bubblewrap: own user, PID, mount and network namespaces; read-only Python, "
               f"private /tmp, no network, {limits}")
    return Bubblewrap("bubblewrap", summary, bwrap, roots)


def unavailable_reason() -> str:
    """Why there is no isolation on this machine, with what to do about it."""
    if os.environ.get("KATAKIT_ISOLATION") == "none":
        return "KATAKIT_ISOLATION=none is set"
    if not sys.platform.startswith("linux"):
        return "isolation needs Linux namespaces"
    if shutil.which("bwrap") is None:
        return f"bubblewrap is not installed: {INSTALL_HINT}"
    return ("bwrap cannot create namespaces here (unprivileged user namespaces disabled? "
            "try: sysctl kernel.unprivileged_userns_clone=1)")


def kit_folders() -> tuple[str, ...]:
    """The kit's own folders a submission must not read: the reference solutions, the hidden
    checks, the grader and the repository."""
    root = paths.kit_root()
    package = Path(__file__).resolve().parents[1]
    return tuple(str(p) for p in (root / "solutions", root / "tests", root / ".git", package))


# --- cgroups --------------------------------------------------------------------------------

CGROUP_LIMITS = {  # controller -> (limit file in v1, in v2)
    "memory": ("memory.limit_in_bytes", "memory.max"),
    "pids": ("pids.max", "pids.max"),
}


def _cgroup_roots() -> tuple[Path, ...]:
    """Writable cgroup folders for the memory and pids controllers (v1), or one delegated v2
    folder with both; () when this process may not create cgroups."""
    own = _own_cgroups()
    v1 = []
    for controller in ("memory", "pids"):
        base = Path("/sys/fs/cgroup") / controller
        if controller in own and base.is_dir():
            folder = base / own[controller].lstrip("/")
            if _can_make_children(folder, CGROUP_LIMITS[controller][0]):
                v1.append(folder)
    if len(v1) == 2:
        return tuple(v1)
    if "" in own:
        folder = Path("/sys/fs/cgroup") / own[""].lstrip("/")
        controllers = (folder / "cgroup.subtree_control")
        if controllers.is_file() and {"memory", "pids"} <= set(controllers.read_text().split()) \
                and _can_make_children(folder, "memory.max"):
            return (folder,)
    return ()


def _own_cgroups() -> dict[str, str]:
    """controller -> this process's cgroup path ('' is the v2 hierarchy)."""
    found = {}
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for controller in controllers.split(",") if controllers else [""]:
                found[controller] = path
    except OSError:
        pass
    return found


def _can_make_children(folder: Path, limit_file: str) -> bool:
    probe = folder / f"katakit-probe-{os.getpid()}"
    try:
        probe.mkdir()
    except OSError:
        return False
    try:
        return (probe / limit_file).exists() and os.access(probe / limit_file, os.W_OK)
    finally:
        try:
            probe.rmdir()
        except OSError:
            pass


_COUNTER = iter(range(1 << 62))


def _new_cgroup(root: Path, memory_bytes: int) -> Path | None:
    """A fresh cgroup under ``root`` with the worker's limits, or None if it cannot be made."""
    group = root / f"katakit-{os.getpid()}-{next(_COUNTER)}"
    try:
        group.mkdir()
        for name, value in (("memory.limit_in_bytes", memory_bytes), ("memory.max", memory_bytes),
                            ("memory.memsw.limit_in_bytes", memory_bytes),
                            ("memory.swap.max", 0), ("pids.max", PROCESS_LIMIT)):
            if (group / name).exists():
                try:
                    (group / name).write_text(str(value))
                except OSError:
                    if name.startswith(("memory.limit", "memory.max", "pids")):
                        raise
        return group
    except OSError:
        _empty_and_remove(group)
        return None


def _empty_and_remove(group: Path) -> None:
    import signal
    import time
    for _ in range(50):
        try:
            pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        except OSError:
            pids = []
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            group.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.01)


def _python_below(pid: int) -> int:
    """The deepest descendant of ``pid`` (bwrap -> its init -> python), or ``pid``."""
    current = pid
    for _ in range(4):
        children = _children(current)
        if not children:
            break
        current = children[-1]
    return current


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return sorted(found)
