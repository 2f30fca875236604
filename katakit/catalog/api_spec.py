"""Compare the learner's signatures with the manifest's, the way the examiner will call them.

Parameters without a default in the spec are passed positionally, so only their number
matters; parameters with a default are passed by keyword, so their names and defaults matter.
Extra learner parameters are fine when they have defaults.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

_REQUIRED = object()
_POSITIONAL = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")


@dataclass(frozen=True)
class SpecParam:
    name: str
    default: object = _REQUIRED

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def __str__(self) -> str:
        return self.name if self.required else f"{self.name}={self.default!r}"


def parse(spec: str) -> list[SpecParam]:
    """'X, y, lr=0.01' -> [X, y, lr=0.01] (defaults must be literals)."""
    arguments = ast.parse(f"def f({spec}): pass").body[0].args
    names = [a.arg for a in arguments.args]
    defaults = [ast.literal_eval(d) for d in arguments.defaults]
    padded = [_REQUIRED] * (len(names) - len(defaults)) + defaults
    return [SpecParam(n, d) for n, d in zip(names, padded)]


def render(params) -> str:
    """The learner's parameters (as described by the worker) written like a signature."""
    if params is None:
        return "(?)"
    parts = []
    for p in params:
        prefix = {"VAR_POSITIONAL": "*", "VAR_KEYWORD": "**"}.get(p["kind"], "")
        default = f"={p['default']!r}" if p["has_default"] else ""
        parts.append(f"{prefix}{p['name']}{default}")
    return f"({', '.join(parts)})"


def problems(spec: str, params) -> list[str]:
    """What prevents calling the learner's callable as the spec says (empty when fine)."""
    if params is None:
        return ["its signature cannot be read"]
    expected = parse(spec)
    found = []
    keyword_names = {p.name for p in expected if not p.required}
    positional = [p for p in params if p["kind"] in _POSITIONAL
                  and p["name"] not in keyword_names]  # those are passed by keyword
    takes_varargs = any(p["kind"] == "VAR_POSITIONAL" for p in params)
    takes_varkw = any(p["kind"] == "VAR_KEYWORD" for p in params)
    required_count = sum(1 for p in expected if p.required)
    if len(positional) < required_count and not takes_varargs:
        found.append(f"it takes {len(positional)} positional argument(s), the spec passes "
                     f"{required_count}")
    by_name = {p["name"]: p for p in params}
    for sp in (p for p in expected if not p.required):
        mine = by_name.get(sp.name)
        if mine is None or mine["kind"] == "POSITIONAL_ONLY":
            if not takes_varkw:
                found.append(f"it has no parameter named '{sp.name}' (called as "
                             f"{sp.name}=...)")
        elif not mine["has_default"]:
            found.append(f"'{sp.name}' should default to {sp.default!r}")
        elif mine["default"] != sp.default:
            found.append(f"'{sp.name}' defaults to {mine['default']!r}, the spec says "
                         f"{sp.default!r}")
    spec_names = {p.name for p in expected if not p.required}
    for index, p in enumerate(params):
        extra_positional = p["kind"] in _POSITIONAL and index >= required_count
        keyword_only = p["kind"] == "KEYWORD_ONLY"
        if (extra_positional or keyword_only) and not p["has_default"] \
                and p["name"] not in spec_names:
            found.append(f"its extra parameter '{p['name']}' needs a default")
    return found
