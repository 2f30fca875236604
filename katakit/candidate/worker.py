"""The candidate process: loads the learner's file and answers the examiner's requests.

Started by :mod:`katakit.candidate.client` as ``python -I worker.py REQUEST_FD REPLY_FD``.
Everything here is untrusted once the learner's module is loaded, so the examiner validates,
cleans and bounds every reply; this module only has to make honest mistakes easy to report.

Every call gets its own writeable copies of the arrays it is given: a learner who changes an
input in place changes only that copy, so every check still judges the algorithm (the
robustness check is the one that says the input was changed). Warnings raised while the
learner's code runs (NumPy's overflow, divide by zero, invalid value) travel back with the
reply, with the line of the learner's file that raised them.
"""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.util
import inspect
import resource
import sys
import time
import traceback
import warnings
from pathlib import Path

if __name__ == "__main__":  # -I leaves the script's folder off sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from katakit.candidate import protocol, tracing  # noqa: E402
from katakit.candidate.guard import install_guard  # noqa: E402

MODULE_NAME = "submission"
MAX_LIST_ITEMS = 100_000
MAX_WARNINGS = 20


class ForbiddenImport(importlib.abc.MetaPathFinder):
    """Refuses the kata's forbidden libraries with a message the learner can act on."""

    def __init__(self, forbidden):
        self.forbidden = frozenset(forbidden)

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
        self.counter = None
        self.module = None
        self.objects: dict[int, object] = {}
        self.stored: dict[str, np.ndarray] = {}
        self.current_call = None  # within a traced workload: which call is running
        self.warnings: dict[tuple, dict] = {}
        self.raw_warnings: list = []

    # replies ---------------------------------------------------------------------------------
    def learner_error(self, exc: BaseException) -> dict:
        frames = [
            {"line": f.lineno, "func": f.name[:100], "code": (f.line or "").strip()[:200]}
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename == self.learner_path
        ][-20:]
        error = {"type": type(exc).__name__[:100], "message": _safe_str(exc), "frames": frames,
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
        if isinstance(value, (np.generic,)) and value.dtype.kind in "biuf":
            return {"kind": "scalar", "type": type(value).__name__, "value": np.asarray(value)}
        if isinstance(value, np.ndarray):
            if value.dtype.kind not in "biufUS":
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

    # running the learner's code --------------------------------------------------------------
    def learner(self, function, *args, **kwargs):
        """Call learner code, keeping the warnings it raises (NumPy's overflow, divide by zero,
        invalid value ...) for the reply. They are only collected here (one step, whatever
        their number), and read once the call is over, so that a counted workload that warns
        does not count the worker's own bookkeeping."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return function(*args, **kwargs)
            finally:
                self.raw_warnings += caught

    def settle_warnings(self) -> None:
        for warning in self.raw_warnings:
            self.keep_warning(warning)
        self.raw_warnings = []

    def keep_warning(self, warning) -> None:
        mine = warning.filename == self.learner_path
        key = (warning.category.__name__, str(warning.message), warning.lineno if mine else 0)
        if key in self.warnings:
            self.warnings[key]["count"] += 1
        elif len(self.warnings) < MAX_WARNINGS:
            self.warnings[key] = {"category": key[0], "message": key[1][:300],
                                  "line": key[2] or None, "count": 1,
                                  "call": self.current_call}

    def handle(self, request):
        self.current_call = None
        self.warnings, self.raw_warnings = {}, []
        nonce = request.pop("nonce", None)
        reply = self.answer(request)
        reply["nonce"] = nonce  # the examiner only accepts a reply that echoes its request's
        return reply

    def answer(self, request):
        operation = getattr(self, "op_" + str(request.get("op", "")), None)
        if operation is None:
            reply = {"ok": False, "error": {"type": "ProtocolError",
                                            "message": f"unknown op {request.get('op')!r}"}}
        else:
            try:
                reply = operation(request)
            except BaseException as exc:  # the learner's code may raise anything, even SystemExit
                reply = self.learner_error(exc)
        self.settle_warnings()
        if self.warnings:
            reply["warnings"] = list(self.warnings.values())
        return reply

    # operations ------------------------------------------------------------------------------
    def op_load(self, request):
        source = Path(self.learner_path).read_bytes()
        self.counter = tracing.WorkCounter(
            self.learner_path, tracing.formatting_files(),
            tracing.printing_lines(importlib.util.decode_source(source)))
        sys.meta_path.insert(0, ForbiddenImport(request.get("forbidden", [])))
        tracing.instrument_library_functions(self.counter)
        install_guard(self.learner_path, tuple(request.get("protected", ())))
        spec = importlib.util.spec_from_file_location(MODULE_NAME, self.learner_path)
        module = importlib.util.module_from_spec(spec)
        namespace = dict(vars(builtins))
        self.counter.counting_builtins(namespace)
        module.__dict__["__builtins__"] = namespace
        sys.modules[MODULE_NAME] = module
        self.learner(spec.loader.exec_module, module)
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
        args, kwargs = self.call_arguments(request)
        obj = self.learner(cls, *args, **kwargs)
        handle = len(self.objects) + 1
        self.objects[handle] = obj
        return {"ok": True, "handle": handle}

    def op_call(self, request):
        owner = self.objects.get(request.get("handle"))
        function = getattr(owner if owner is not None else self.module, request["name"])
        args, kwargs = self.call_arguments(request, readonly=request.get("readonly", False))
        started = time.perf_counter()
        result = self.learner(function, *args, **kwargs)
        seconds = time.perf_counter() - started
        reply = {"ok": True, "value": self.describe(result, owner), "seconds": seconds}
        if request.get("return_inputs"):
            reply["inputs"] = [a for a in (*args, *kwargs.values()) if isinstance(a, np.ndarray)]
        if request.get("discard_value"):
            reply["value"] = {"kind": "plain", "value": None}
        return reply

    def op_getattr(self, request):
        owner = self.objects[request["handle"]]
        return {"ok": True, "value": self.describe(getattr(owner, request["name"]), owner)}

    def op_setattr(self, request):
        value = self.arguments([request["value"]])[0]
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
        """Run a workload on warm-up data, then count the Python-level work of the same calls
        on other data; reply with the counts and what the counted calls returned."""
        self.run_workload(request, request["warmup"])
        values = self.counter.run(lambda: self.run_workload(request, request["calls"]))
        return {"ok": True, **self.counter.report(),
                "values": [self.describe(v) for v in values]}

    def run_workload(self, request, calls) -> list:
        target = self.module
        if request.get("cls"):
            self.current_call = request["cls"]
            args, kwargs = self.call_arguments({"args": request.get("init_args", []),
                                                "kwargs": request.get("init_kwargs", {})})
            target = self.learner(getattr(self.module, request["cls"]), *args, **kwargs)
        values = []
        for call in calls:
            self.current_call = call["name"]
            args, kwargs = self.call_arguments(call)
            values.append(self.learner(getattr(target, call["name"]), *args, **kwargs))
        return values

    def op_modules(self, request):
        return {"ok": True, "modules": sorted({m.split(".")[0] for m in sys.modules})}

    def call_arguments(self, request, readonly=False):
        """The call's arguments; ``readonly`` is True (every array), False, or a list of the
        positions and keyword names of the arrays to make read-only."""
        kwargs = request.get("kwargs", {})
        def frozen(key):
            return readonly is True or (isinstance(readonly, list) and key in readonly)
        args = [self.arguments([v], frozen(i))[0] for i, v in enumerate(request.get("args", []))]
        return args, {k: self.arguments([v], frozen(k))[0] for k, v in kwargs.items()}

    def arguments(self, values, readonly=False):
        """Resolve stored arrays and generator seeds; every array becomes a fresh copy, so the
        learner's code can never change the examiner's data or a stored array."""
        resolved = []
        for value in values:
            jitter = 0
            if isinstance(value, dict) and protocol.STORED in value:
                jitter = value.get("jitter", 0)
                value = self.stored[value[protocol.STORED]]
            elif isinstance(value, dict) and protocol.GENERATOR in value:
                value = np.random.default_rng(value[protocol.GENERATOR])
            if isinstance(value, np.ndarray):
                value = value.copy()
                if jitter and value.dtype.kind == "f":  # other bytes, the same work
                    value *= 1 + jitter * 2.0 ** -44
                value.flags.writeable = not readonly
            resolved.append(value)
        return resolved


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
