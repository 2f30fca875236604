"""Make any text safe to show: what a learner's process says is cleaned and bounded before it
reaches a report.

A submission controls its exception messages, type names, printed output and the repr of
whatever it returns. Cleaned, such text cannot move the cursor, clear the screen or forge a
line of the report (no control or escape sequences), cannot make the JUnit XML unparsable or a
UTF-8 encoder crash (no lone surrogates or characters XML forbids), and cannot make a report
huge (bounded length).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

LIMIT = 2000
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text, limit: int = LIMIT, newlines: bool = False) -> str:
    """``text`` as printable characters only, at most ``limit`` of them.

    Tabs become spaces; other control characters (the escape that starts every terminal
    sequence included) become ``?``; so do lone surrogates. Newlines are kept only when
    ``newlines`` is true (printed output), else they become `` | ``."""
    text = text if isinstance(text, str) else str(text)
    if len(text) > 4 * limit:
        text = text[:4 * limit]  # before the regexes: never spend time on megabytes
    text = text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    if not newlines:
        text = text.replace("\n", " | ")
    text = _SURROGATE.sub("?", _CONTROL.sub("?", text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def read_source(path) -> str:
    """A Python file's text decoded exactly as Python decodes it: a UTF-8 byte-order mark, a
    ``# -*- coding: latin-1 -*-`` line. Raises SyntaxError when Python would refuse it."""
    data = Path(path).read_bytes()
    try:
        return importlib.util.decode_source(data)
    except (UnicodeDecodeError, LookupError) as error:
        raise SyntaxError(f"the file cannot be decoded: {error}") from None


def source_text(path) -> str:
    """A file's text to show or keep: decoded as Python would, or, when Python would refuse
    it, as UTF-8 with the undecodable bytes replaced."""
    try:
        return read_source(path)
    except SyntaxError:
        return Path(path).read_bytes().decode("utf-8", errors="replace")


def without_numbers(text: str) -> str:
    """``text`` with every number replaced by ``#``: two messages that say the same thing
    about data of other sizes (shapes, counts, seeds) become equal."""
    return _NUMBER.sub("#", text)
