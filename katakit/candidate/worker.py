"""The candidate process: loads the learner's file and answers the examiner's requests.

Started by :mod:`katakit.candidate.client` as ``python -I worker.py REQUEST_FD REPLY_FD``. Everything
here is untrusted once the learner's module is loaded, so the examiner validates every reply;
this module only has to make honest mistakes easy to report.
"""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.util
import inspect
import os
import resource
import sys
import time
import traceback
import tracemalloc
from pathlib import Path

if __name__ == "__main__":  # -I leaves the script's folder off sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from katakit.candidate import protocol, tracing  # noqa: E402
from katakit.candidate.guard import install_guard  # noqa: E402

MODULE_NAME = "submission"
MAX_LIST_ITEMS = 100_000


class ForbiddenImport(importlib.abc.MetaPathFinder):
    """Refuses the kata's forbidden libraries with a message the learner can act on."""

    def __init__(self, forbidden):
        self.forbidden = set(forbidden)

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in self.forbidden:
            raise ImportError(f"'{name}' is not allowed in this kata: write it with NumPy only")
        return None


def apply_limits(limits: dict) -> None:
    for name, value in limits.items():
        kind = getattr(resource, name)
        resource.setrlimit(kind, (value, value))


class Worker:
    def __init__(self, learner_path: str):
        self.learner_path = str(Path(learner_path).resolve())
        self.counter = tracing.WorkCounter(self.learner_path)
        self.module = None
        self.objects: dict[int, object] = {}
        self.stored: dict[str, np.ndarray] = {}
        self.current_call = None  # within a traced workload: which call is running

    # replies ---------------------------------------------------------------------------------
    def learner_error(self, exc: BaseException) -> dict:
        frames = [
            {"line": f.lineno, "func": f.name, "code": (f.line or "").strip()}
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename == self.learner_path
        ]
        error = {"type": type(exc).__name__, "message": _safe_str(exc), "frames": frames,
                 "call": self.current_call}
        if isinstance(exc, SyntaxError):
            error.update(line=exc.lineno, code=(exc.text or "").strip(), message=exc.msg)
        if isinstance(exc, SystemExit):
            error["message"] = f"sys.exit({exc.code!r}) was called"
        return {"ok": False, "error": error}

    def describe(self, value, owner=None, depth=0):
        """A data-only description of whatever the learner returned."""
        if owner is not None and value is owner:
            return {"kind": "self", "type": type(value).__name__}
        if value is None or isinstance(value, (bool, str)):
            return {"kind": "plain", "value": value}
        if isinstance(value, (int, float)) and type(value) in (int, float):
            return {"kind": "plain", "value": value}
        if isinstance(value, (np.generic,)) and np.isrealobj(value) and value.dtype != object:
            return {"kind": "scalar", "type": type(value).__name__, "value": np.asarray(value)}
        if isinstance(value, np.ndarray):
            if value.dtype == object or not np.isrealobj(value):
                return {"kind": "object", "type": f"ndarray of {value.dtype}",
                        "shape": list(value.shape)}
            return {"kind": "array", "value": value}
        if isinstance(value, (list, tuple)) and depth < 3:
            items = [self.describe(v, owner, depth + 1) for v in value[:MAX_LIST_ITEMS]]
            return {"kind": type(value).__name__ if type(value) in (list, tuple) else "list",
                    "items": items, "length": len(value)}
        if isinstance(value, dict) and depth < 3:
            return {"kind": "dict", "items": {str(k): self.describe(v, owner, depth + 1)
                                              for k, v in list(value.items())[:1000]}}
        return {"kind": "object", "type": type(value).__name__}

    # operations ------------------------------------------------------------------------------
    def op_load(self, request):
        sys.meta_path.insert(0, ForbiddenImport(request.get("forbidden", [])))
        tracing.instrument_library_functions(self.counter)
        install_guard(self.learner_path)
        spec = importlib.util.spec_from_file_location(MODULE_NAME, self.learner_path)
        module = importlib.util.module_from_spec(spec)
        namespace = dict(vars(builtins))
        self.counter.counting_builtins(namespace)
        module.__dict__["__builtins__"] = namespace
        sys.modules[MODULE_NAME] = module
        spec.loader.exec_module(module)
        self.module = module
        return {"ok": True}

    def op_inspect(self, request):
        found = {}
        for name, methods in request["entries"].items():
            found[name] = self.inspect_entry(getattr(self.module, name, None), methods)
        return {"ok": True, "entries": found}

    def inspect_entry(self, entry, methods):
        if entry is None:
            return {"kind": "missing"}
        if inspect.isclass(entry):
            described = {"kind": "class", "init": _parameters(entry.__init__, skip_self=True),
                         "methods": {}}
            for method in methods:
                member = getattr(entry, method, None)
                if callable(member):  # a missing method is simply absent from the reply
                    described["methods"][method] = _parameters(member, skip_self=True)
            return described
        if callable(entry):
            return {"kind": "function", "params": _parameters(entry)}
        return {"kind": "other", "type": type(entry).__name__}

    def op_new(self, request):
        cls = getattr(self.module, request["name"])
        kwargs = request.get("kwargs", {})
        obj = cls(*self.arguments(request.get("args", []), True),
                  **dict(zip(kwargs, self.arguments(list(kwargs.values()), True))))
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"ok": True, "handle": handle}

    def op_call(self, request):
        owner = self.objects.get(request.get("handle"))
        function = getattr(owner if owner is not None else self.module, request["name"])
        readonly = request.get("readonly", True)
        args = self.arguments(request.get("args", []), readonly)
        kwargs = dict(zip(request.get("kwargs", {}),
                          self.arguments(list(request.get("kwargs", {}).values()), readonly)))
        measure = request.get("measure", False)
        if measure:
            tracemalloc.start()
        started = time.perf_counter()
        result = function(*args, **kwargs)
        seconds = time.perf_counter() - started
        reply = {"ok": True, "value": self.describe(result, owner), "seconds": seconds}
        if measure:
            reply["peak_bytes"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        if request.get("return_inputs"):
            reply["inputs"] = [a for a in args if isinstance(a, np.ndarray)]
        return reply

    def op_getattr(self, request):
        owner = self.objects[request["handle"]]
        return {"ok": True, "value": self.describe(getattr(owner, request["name"]), owner)}

    def op_setattr(self, request):
        value = self.arguments([request["value"]], False)[0]
        setattr(self.objects[request["handle"]], request["name"], value)
        return {"ok": True}

    def op_module_attr(self, request):
        missing = object()
        value = getattr(self.module, request["name"], missing)
        if value is missing:
            return {"ok": True, "missing": True}
        return {"ok": True, "value": self.describe(value)}

    def op_store(self, request):
        self.stored.update(request["arrays"])
        return {"ok": True}

    def op_trace(self, request):
        """Run a workload twice (warm-up, then counted) and report the Python-level work."""
        def workload():
            obj = self.module
            if request.get("cls"):
                self.current_call = request["cls"]
                obj = getattr(self.module, request["cls"])(*request.get("init_args", []),
                                                           **request.get("init_kwargs", {}))
            for call in request["calls"]:
                self.current_call = call["name"]
                getattr(obj, call["name"])(*self.arguments(call.get("args", []), True),
                                           **call.get("kwargs", {}))

        workload()
        self.counter.run(workload)
        return {"ok": True, "events": self.counter.events, "iterated": self.counter.iterated,
                "lines": {str(k): v for k, v in self.counter.lines.items()}}

    def op_modules(self, request):
        return {"ok": True, "modules": sorted({m.split(".")[0] for m in sys.modules})}

    def arguments(self, values, readonly):
        resolved = []
        for value in values:
            if isinstance(value, dict) and "__stored__" in value:
                value = self.stored[value["__stored__"]]
            if isinstance(value, np.ndarray):
                value = value.copy() if not readonly else value
                value.flags.writeable = not readonly
            resolved.append(value)
        return resolved

    def handle(self, request):
        self.current_call = None
        operation = getattr(self, "op_" + request.get("op", ""), None)
        if operation is None:
            return {"ok": False, "error": {"type": "ProtocolError",
                                           "message": f"unknown op {request.get('op')!r}"}}
        try:
            return operation(request)
        except BaseException as exc:  # the learner's code may raise anything, even SystemExit
            return self.learner_error(exc)


def _parameters(function, skip_self=False):
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None
    params = list(signature.parameters.values())
    if skip_self and params and params[0].name in ("self", "cls") and not inspect.ismethod(
            function):
        params = params[1:]
    described = []
    for p in params:
        default = None
        if p.default is not inspect.Parameter.empty:
            default = p.default if isinstance(p.default, (int, float, str, bool, type(None))) \
                else repr(p.default)
        described.append({"name": p.name, "kind": p.kind.name,
                          "has_default": p.default is not inspect.Parameter.empty,
                          "default": default})
    return described


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)[:2000]
    except Exception:
        return f"<unprintable {type(exc).__name__}>"


def main(argv) -> None:
    request_fd, reply_fd = int(argv[1]), int(argv[2])
    first = protocol.receive(request_fd)
    apply_limits(first.get("limits", {}))
    worker = Worker(first["path"])
    protocol.send(reply_fd, worker.handle(first))
    while True:
        try:
            request = protocol.receive(request_fd)
        except protocol.ChannelClosed:
            return
        protocol.send(reply_fd, worker.handle(request))


if __name__ == "__main__":
    main(sys.argv)
