"""The worker's audit hook: what a submission may not do inside its own process.

An in-process audit hook is a tripwire against accidents and cheap tricks, not a security
boundary: CPython documents that code in the same process can get around it, so code written by
others is graded inside Linux namespaces as well (``katakit.candidate.isolation``). What this
module does is make the obvious routes fail with a message, and make the rules themselves hard
to reach: everything the hook consults is captured in its closure when it is installed (C
functions and immutable values), so rebinding a module global, patching ``os.path`` or
``os.lstat`` changes nothing; ``gc`` introspection, which could find the closure, is refused.

Some dangerous calls raise no audit event at all (``signal.signal``, starting a thread,
``os.memfd_create``): those functions are replaced, in the C modules themselves, before the
submission is loaded.
"""

from __future__ import annotations

import _posixsubprocess
import _signal
import _stat
import _thread
import os
import posix
import sys

SPAWNING = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                      "os.fork", "os.forkpty", "pty.spawn", "os.startfile"})
CHANGING = frozenset({"os.rename", "os.link", "os.symlink", "os.remove", "os.rmdir",
                      "os.truncate", "os.chmod", "os.chown", "os.utime", "os.mkdir",
                      "os.mkfifo", "os.mknod", "os.chflags", "os.lchflags", "os.setxattr",
                      "os.removexattr", "shutil.rmtree", "sqlite3.connect"})
REACHING_OUT = frozenset({"os.kill", "os.killpg", "signal.pthread_kill", "resource.prlimit",
                          "resource.setrlimit", "gc.get_objects", "gc.get_referrers",
                          "gc.get_referents", "socket.__new__", "socket.connect",
                          "socket.bind", "sys.addaudithook", "sys.setprofile"})
PRIVATE_MODULES = frozenset({"_xxsubinterpreters", "_xxinterpchannels", "_interpreters",
                             "_interpchannels", "_multiprocessing", "_posixshmem"})
"""Modules that reach past the audit events (sub-interpreters, shared memory); nobody's kata
needs them. ``subprocess`` and ``socket`` may be imported (numpy.testing does): starting a
process or opening a socket raises an audit event, which is refused."""
WRITING = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
HARMLESS_WRITES = frozenset({"/dev/null"})
NO_EVENT_FUNCTIONS = ((_signal, ("signal", "setitimer", "alarm", "pthread_kill",
                                 "set_wakeup_fd", "siginterrupt")),
                      (_thread, ("start_new_thread", "start_new", "start_joinable_thread")),
                      (_posixsubprocess, ("fork_exec",)),
                      (posix, ("memfd_create", "setsid", "setpgid", "setpgrp")),
                      (os, ("memfd_create", "setsid", "setpgid", "setpgrp")))


def install_guard(graded_file: str, protected: tuple[str, ...]) -> None:
    """Refuse, for the rest of this process, what would let a submission read the kit's own
    files (``protected`` folders: the reference solution, the hidden checks), change any file,
    reach into another process or the network, start threads, processes or signal handlers,
    or run native code through ctypes.

    Grading never needs a submission to write files, so writing is refused outright: that
    also closes renaming a planted file over the kit and opening a folder to get a handle for
    ``dir_fd`` tricks (the audit event does not carry ``dir_fd``).
    """
    _neutralize_functions_without_events()
    rules = (_real(_absolute(graded_file)),
             tuple(_real(_absolute(folder)) for folder in protected),
             f"/proc/{posix.getpid()}", posix.getpid())
    sys.addaudithook(_hook_for(rules))


# Below, every function takes what it uses as positional-only defaults (a tuple, which cannot be
# changed in place) and uses no closure and no module global: rebinding a name in this module
# or in os, os.path or builtins changes nothing in a hook that is already installed.

def _absolute(name, _getcwd=posix.getcwd, /):
    """``name`` made absolute and normalized (``.``, ``..`` and repeated slashes resolved)."""
    path = name if name.startswith("/") else _getcwd() + "/" + name
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/" + "/".join(parts)


def _real(path, _lstat=posix.lstat, _readlink=posix.readlink, _islink=_stat.S_ISLNK,
          _oserror=OSError, /):
    """Like ``os.path.realpath`` for an absolute normalized ``path``: every symbolic link
    resolved (at most 40 hops)."""
    pending = [p for p in path.split("/") if p not in ("", ".")]
    resolved = []
    hops = 0
    while pending:
        part = pending.pop(0)
        if part == "..":
            if resolved:
                resolved.pop()
            continue
        candidate = "/" + "/".join(resolved + [part])
        try:
            is_link = _islink(_lstat(candidate).st_mode)
        except _oserror:
            is_link = False
        if is_link and hops < 40:
            hops += 1
            target = _readlink(candidate)
            if target.startswith("/"):
                resolved = []
            pending = [p for p in target.split("/") if p not in ("", ".")] + pending
            continue
        resolved.append(part)
    return "/" + "/".join(resolved)


def _open_problem(name, flags, rules, _absolute=_absolute, _real=_real,
                  _writing=WRITING, _harmless=HARMLESS_WRITES, _statf=posix.stat,
                  _isdir=_stat.S_ISDIR, _oserror=OSError, /):
    """Why opening ``name`` is refused, or None."""
    graded, protected, own_proc, _ = rules
    plain = _absolute(name)
    real = _real(plain)
    for path in (plain, real):
        if path == graded:
            continue
        for folder in protected:
            if path == folder or path.startswith(folder + "/"):
                return "a submission may not read the kit's own files"
        parts = path.split("/")
        if len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() \
                and not (path == own_proc or path.startswith(own_proc + "/")):
            return "a submission may not look into other processes"
    if flags & _writing and real not in _harmless:
        return f"a submission may not write files (tried to open {name!r} for writing)"
    try:
        if _isdir(_statf(real).st_mode):
            return f"a submission may not open folders (tried {name!r})"
    except _oserror:
        pass
    return None


def _event_problem(event, args, rules, _open_problem=_open_problem, _spawning=SPAWNING,
                   _changing=CHANGING, _reaching=REACHING_OUT, _private=PRIVATE_MODULES,
                   _fsdecode=os.fsdecode, _fspath=posix.fspath, _int=int, _isinstance=isinstance,
                   _len=len, _typeerror=TypeError, /):
    """Why an audit event is refused, or None."""
    if event == "open":
        if not args or _isinstance(args[0], _int):
            return None
        try:
            name = _fsdecode(_fspath(args[0]))
        except _typeerror:
            return None
        flags = args[2] if _len(args) > 2 and _isinstance(args[2], _int) else 0
        return _open_problem(name, flags, rules)
    if event in _spawning or event.startswith("ctypes."):
        return f"{event} is not allowed in a kata submission"
    if event in _changing:
        return "a submission may not create, change or remove files"
    if event in _reaching:
        if event == "os.kill" and args and args[0] in (0, rules[3]):
            return None
        return f"{event} is not allowed in a kata submission"
    if event == "import" and args and args[0] in _private:
        return f"importing {args[0]} is not allowed in a kata submission"
    if event == "object.__setattr__" and _len(args) > 1 and \
            args[1] in ("__code__", "__defaults__", "__kwdefaults__"):
        return f"replacing a function's {args[1]} is not allowed in a kata submission"
    return None


def _hook_for(rules):
    """The hook to install: its rules are a default argument (a tuple), not a closure cell,
    so even a function object found in a traceback cannot be pointed at other rules."""
    def hook(event, args, _rules=rules, _problem=_event_problem, _perm=PermissionError, /):
        problem = _problem(event, args, _rules)
        if problem:
            raise _perm(problem)

    return hook


def _neutralize_functions_without_events() -> None:
    """Replace the functions that raise no audit event by ones that refuse, in the C modules
    themselves (``signal`` and ``threading`` copy them from there when imported)."""
    for module, names in NO_EVENT_FUNCTIONS:
        for name in names:
            if hasattr(module, name):
                setattr(module, name, _refusing(f"{module.__name__}.{name}"))
    threading = sys.modules.get("threading")  # imported already: it kept its own references
    for name in ("_start_new_thread", "_start_joinable_thread"):
        if threading is not None and hasattr(threading, name):
            setattr(threading, name, _refusing("threading.Thread.start"))


def _refusing(what: str):
    shown = what.replace("posix.", "os.").replace("_signal.", "signal.").replace(
        "_thread.", "threading: _thread.")
    message = f"{shown} is not allowed in a kata submission"

    def refused(*args, **kwargs):
        raise PermissionError(message)

    return refused
