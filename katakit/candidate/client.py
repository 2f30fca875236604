"""Run the learner's file in a worker process and talk to it (examiner side).

The worker is started with ``python -I``, a scrubbed environment, single-threaded BLAS, its own
session (so its whole process group can be killed) and resource limits. Every request has a
deadline; on expiry or death the worker is killed and the next request starts a fresh one, so a
misbehaving submission fails only the check that triggered it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from katakit.candidate import protocol
from katakit.catalog.limits import Limits
from katakit.candidate.errors import (CandidateCrashed, CandidateTimeout, GradingBudgetSpent,
                            LearnerRaised, LoadFailed, NotAttempted, action_text)

WORKER_SCRIPT = Path(__file__).with_name("worker.py")
SINGLE_THREADED = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                          "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                                          "VECLIB_MAXIMUM_THREADS")}


@dataclass(frozen=True)
class LearnerObject:
    """Something the learner returned that is not data (an object, ``self`` ...)."""

    type: str
    is_self: bool = False


class CapturedOutput:
    """Drains the worker's stdout+stderr so it never blocks; keeps a head and a tail."""

    def __init__(self, stream, keep_bytes: int):
        self.keep = max(keep_bytes // 2, 1)
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self._thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self._thread.start()

    def _drain(self, stream) -> None:
        for chunk in iter(lambda: stream.read1(1 << 16), b""):
            self.total += len(chunk)
            room = self.keep - len(self.head)
            if room > 0:
                self.head += chunk[:room]
                chunk = chunk[room:]
            self.tail = (self.tail + chunk)[-self.keep:]

    def text(self) -> str:
        self._thread.join(timeout=1)
        head = self.head.decode(errors="replace")
        if self.total <= len(self.head) + len(self.tail):
            return head + self.tail.decode(errors="replace")
        skipped = self.total - len(self.head) - len(self.tail)
        return f"{head}\n... [{skipped} bytes not shown] ...\n{self.tail.decode(errors='replace')}"


class Candidate:
    """The learner's file, loaded in a sandboxed worker, restarted on demand."""

    def __init__(self, path: Path, forbidden=(), limits: Limits = Limits()):
        self.path = Path(path)
        self.forbidden = list(forbidden)
        self.limits = limits
        self.generation = 0
        self._first_start = 0.0
        self._process = None
        self._load_error = None

    # lifecycle -------------------------------------------------------------------------------
    def ensure_started(self) -> None:
        """Start a worker if none is alive; raise LoadFailed if the file does not load."""
        if self._process is not None:
            return
        if self._load_error is not None:
            raise LoadFailed(self._load_error.message)
        if self.generation and time.monotonic() - self._first_start > self.limits.restart_seconds:
            raise GradingBudgetSpent(self.limits.restart_seconds)
        self._spawn()
        try:
            reply = self._exchange({"op": "load", "path": str(self.path.resolve()),
                                    "forbidden": self.forbidden,
                                    "limits": self.limits.rlimits()},
                                   "loading your file", self.limits.load_seconds)
        except (CandidateTimeout, CandidateCrashed) as problem:
            self._load_error = problem
            raise LoadFailed(problem.message) from None
        if not reply.get("ok"):
            self._load_error = _learner_error("loading your file", reply)
            self.close()
            raise LoadFailed(self._load_error.message)

    def load_problem(self):
        """None when the file loads; otherwise the problem (LearnerRaised, timeout or crash)."""
        try:
            self.ensure_started()
        except LoadFailed:
            return self._load_error
        return None

    def _spawn(self) -> None:
        request_read, self._request_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        self._workdir = tempfile.TemporaryDirectory(prefix="katakit-worker-")
        env = {"PATH": os.defpath, "LANG": "C.UTF-8", "HOME": self._workdir.name,
               "PYTHONHASHSEED": "0", **SINGLE_THREADED}
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-B", str(WORKER_SCRIPT), str(request_read),
             str(reply_write)],  # -B: never write __pycache__ next to the learner's file
            pass_fds=(request_read, reply_write), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=self._workdir.name, env=env,
            start_new_session=True)
        os.close(request_read)
        os.close(reply_write)
        self.output = CapturedOutput(self._process.stdout, self.limits.output_kb << 10)
        if not self.generation:
            self._first_start = time.monotonic()
        self.generation += 1

    def close(self) -> None:
        """Stop the worker (its whole process group) and release its pipes."""
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.wait()
        for fd in (self._request_write, self._reply_read):
            try:
                os.close(fd)
            except OSError:
                pass
        process.stdout.close()
        self._workdir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # requests --------------------------------------------------------------------------------
    def request(self, message: dict, action: str, seconds: float | None = None) -> dict:
        """Send one request; return the reply or raise the learner-side problem."""
        self.ensure_started()
        reply = self._exchange(message, action, seconds or self.limits.call_seconds)
        if not reply.get("ok"):
            raise _learner_error(action, reply)
        return reply

    def _exchange(self, message: dict, action: str, seconds: float) -> dict:
        process = self._process
        try:
            protocol.send(self._request_write, message)
            reply = protocol.receive(self._reply_read, time.monotonic() + seconds)
        except protocol.ChannelTimeout:
            self.close()
            raise CandidateTimeout(action, seconds) from None
        except (protocol.ChannelClosed, BrokenPipeError, protocol.ProtocolError) as exc:
            self.close()
            raise CandidateCrashed(_crash_message(action, process, self.output, exc)) from None
        if not isinstance(reply, dict):
            self.close()
            raise CandidateCrashed(f"{action}: the worker sent an unreadable reply")
        return reply

    def new(self, class_name: str, *args, **kwargs) -> "LearnerHandle":
        """An instance in the worker; spec parameters with defaults go by keyword."""
        shown = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
        reply = self.request({"op": "new", "name": class_name, "args": list(args),
                              "kwargs": kwargs}, f"{class_name}({', '.join(shown)})")
        return LearnerHandle(self, reply["handle"], self.generation, class_name)

    def call(self, name: str, *args, **kwargs):
        """Call a module-level function of the learner's file (inputs read-only)."""
        return self._call(None, name, args, kwargs)

    def timed_call(self, name: str, *args, seconds=None, **kwargs):
        """Call with memory measurement; returns (value, wall seconds, peak bytes)."""
        return self._timed_call(None, name, args, kwargs, seconds)

    def call_returning_inputs(self, name: str, *args, **kwargs):
        """Call with writeable copies of the inputs; return (value, inputs as left after)."""
        return self._call_returning_inputs(None, name, args, kwargs)

    def _call(self, handle, name, args, kwargs, seconds=None, **options):
        label = f"{name}({', '.join(_short(a) for a in args)})"
        message = {"op": "call", "handle": handle, "name": name, "args": list(args),
                   "kwargs": kwargs, **options}
        reply = self.request(message, label, seconds)
        value = decode_value(reply["value"])
        return (value, reply) if options else value

    def _timed_call(self, handle, name, args, kwargs, seconds):
        started = time.perf_counter()
        value, reply = self._call(handle, name, args, kwargs, seconds, measure=True)
        return value, time.perf_counter() - started, reply.get("peak_bytes", 0)

    def _call_returning_inputs(self, handle, name, args, kwargs):
        value, reply = self._call(handle, name, args, kwargs, readonly=False,
                                  return_inputs=True)
        return value, reply.get("inputs", [])

    def module_attr(self, name: str):
        """A module-level value of the learner's file, or ``MISSING``."""
        reply = self.request({"op": "module_attr", "name": name}, f"reading {name}")
        return MISSING if reply.get("missing") else decode_value(reply["value"])

    def inspect(self, entries: dict) -> dict:
        return self.request({"op": "inspect", "entries": entries}, "inspecting your file")[
            "entries"]

    def store(self, **arrays) -> None:
        """Keep arrays in the worker so timed calls do not pay for the transfer."""
        self.request({"op": "store", "arrays": arrays}, "receiving data", 30)

    def trace(self, calls, cls=None, init_args=(), init_kwargs=None, seconds=None) -> dict:
        """Count the Python-level work of a workload (see katakit.tracing)."""
        return self.request({"op": "trace", "cls": cls, "init_args": list(init_args),
                             "init_kwargs": init_kwargs or {}, "calls": calls},
                            _one_of([call["name"] for call in calls]), seconds)

    def loaded_modules(self) -> list[str]:
        return self.request({"op": "modules"}, "listing imports")["modules"]


MISSING = LearnerObject("missing")


class LearnerHandle:
    """An object living in the worker, e.g. the learner's ``LinearRegression`` instance."""

    def __init__(self, candidate: Candidate, handle: int, generation: int, class_name: str):
        self.candidate, self.handle = candidate, handle
        self.generation, self.class_name = generation, class_name

    def _check_alive(self, action: str) -> None:
        if self.candidate.generation != self.generation or self.candidate._process is None:
            raise CandidateCrashed(f"`{action}`: the object was lost when your process stopped")

    def call(self, method: str, *args, **kwargs):
        self._check_alive(method)
        return self.candidate._call(self.handle, method, args, kwargs)

    def timed_call(self, method: str, *args, seconds=None, **kwargs):
        """Call with memory measurement; returns (value, wall seconds, peak bytes)."""
        self._check_alive(method)
        return self.candidate._timed_call(self.handle, method, args, kwargs, seconds)

    def call_returning_inputs(self, method: str, *args, **kwargs):
        """Call with writeable copies of the inputs; return (value, inputs as left after)."""
        self._check_alive(method)
        return self.candidate._call_returning_inputs(self.handle, method, args, kwargs)

    def get(self, name: str):
        self._check_alive(name)
        reply = self.candidate.request({"op": "getattr", "handle": self.handle, "name": name},
                                       f"reading .{name}")
        return decode_value(reply["value"])

    def set(self, name: str, value) -> None:
        self._check_alive(name)
        self.candidate.request({"op": "setattr", "handle": self.handle, "name": name,
                                "value": value}, f"setting .{name}")


def _one_of(names: list[str]) -> str:
    """How a learner should read which call of a workload misbehaved."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else f"one of {', '.join(names)}"


def decode_value(description):
    """Turn the worker's description of a returned value into plain data (never objects)."""
    if not isinstance(description, dict):
        return LearnerObject("unreadable")
    kind = description.get("kind")
    if kind == "plain":
        return description.get("value")
    if kind == "scalar":
        return np.asarray(description["value"])[()]
    if kind == "array":
        value = description.get("value")
        return value if isinstance(value, np.ndarray) else LearnerObject("unreadable")
    if kind in ("list", "tuple"):
        items = [decode_value(item) for item in description.get("items", [])]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {k: decode_value(v) for k, v in description.get("items", {}).items()}
    return LearnerObject(str(description.get("type", "object")), is_self=kind == "self")


def _learner_error(action: str, reply: dict) -> LearnerRaised:
    error = reply.get("error") if isinstance(reply.get("error"), dict) else {}
    kind = NotAttempted if error.get("type") == "NotImplementedError" else LearnerRaised
    return kind(str(error.get("call") or action), error)  # the call that raised, if known


def _crash_message(action, process, output: CapturedOutput, cause) -> str:
    code = process.poll() if process else None
    if code is None and process is not None:
        try:
            code = process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
    if isinstance(cause, protocol.ProtocolError):
        what = "sent something that is not a reply (did it write to the grader's channel?)"
    elif code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else code
        what = {"SIGXCPU": "used up its CPU time limit", "SIGSEGV": "crashed (segmentation "
                "fault)", "SIGKILL": "was killed (out of memory?)", "SIGXFSZ": "wrote a file "
                "larger than allowed"}.get(name, f"was killed by {name}")
    else:
        what = f"ended the process with exit code {code} (os._exit, or a crash)"
    printed = output.text().strip().splitlines()[-3:] if output else []
    tail = f" Last output: {' | '.join(printed)}" if printed else ""
    return f"{action_text(action)}: your code {what}.{tail}"


def _short(value) -> str:
    if isinstance(value, np.ndarray):
        return f"<{tuple(value.shape)} array>"  # array(30, 3) would read as values
    if isinstance(value, dict) and "__stored__" in value:
        return value["__stored__"]
    return repr(value)
