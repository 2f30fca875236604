"""Read and write the quiz answers in the learner's own file, touching nothing else.

``quiz`` offers to put the answers it asked for into the file's ``QUIZ_ANSWERS`` dict. The
edit is made by the spans the parser gives for that one assignment: an answer replaces only
the value after its key, a misspelt key is renamed, a missing key is added on its own line
before the closing brace. Comments, formatting, the encoding (a ``coding`` line, a byte-order
mark) and line endings are kept; every other byte of the file is unchanged. When the dict is
not a plain literal assigned once (built in a loop, updated later ...), nothing is edited and
the learner gets the lines to paste. The write is atomic (a temporary file renamed over the
old one), the old file is kept in ``workspace/.attempts/`` first, and a file that changed while
the learner was answering is left alone.
"""

from __future__ import annotations

import ast
import io
import operator
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from katakit.catalog import quiz as answer_key
from katakit.learner import workspace

NAME = answer_key.ANSWERS_NAME
_LINE_END = re.compile(r"\r\n|\r|\n")


class CannotEdit(Exception):
    """The answers cannot be written safely; the message says why and what to do."""


@dataclass(frozen=True)
class LearnerFile:
    """A learner's file as read, to be edited and written back byte for byte."""

    path: Path
    data: bytes
    encoding: str
    source: str

    @classmethod
    def read(cls, path: Path) -> "LearnerFile":
        data = Path(path).read_bytes()
        try:
            encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
            source = data.decode(encoding)
        except (SyntaxError, LookupError, UnicodeDecodeError) as error:
            raise CannotEdit(f"the file cannot be decoded ({error})") from None
        return cls(Path(path), data, encoding, source)

    def answers(self) -> dict:
        """The values of ``QUIZ_ANSWERS`` by key ({} when there is none, or when the file does
        not parse), read without running the file: literals, and arithmetic on numbers
        (``20 / 3``, ``2 ** 10``) worked out as ``check`` would; any other value (a name, a
        call) is ``COMPUTED``: ``check``, which runs the file, grades it."""
        try:
            found = _assignment(ast.parse(self.source))
        except (SyntaxError, ValueError, CannotEdit):
            return {}
        if found is None or not isinstance(found.value, ast.Dict):
            return {}
        answers = {}
        for key, value in zip(found.value.keys, found.value.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                answers[key.value] = constant_value(value)
        return answers


class _Computed:
    """A ``QUIZ_ANSWERS`` value the quiz cannot know without running the learner's file."""

    def __repr__(self) -> str:
        return "COMPUTED"


COMPUTED = _Computed()
_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv,
               ast.Mod: operator.mod, ast.Pow: operator.pow}
_SIGNS = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def constant_value(node: ast.AST):
    """The value of an answer's expression without running anything: a literal, or
    arithmetic on numbers; ``COMPUTED`` for anything else (or a power too large to work
    out safely)."""
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    if isinstance(node, ast.UnaryOp) and type(node.op) in _SIGNS:
        operand = constant_value(node.operand)
        return COMPUTED if not _is_number(operand) else _SIGNS[type(node.op)](operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
        left, right = constant_value(node.left), constant_value(node.right)
        if not (_is_number(left) and _is_number(right)):
            return COMPUTED
        if isinstance(node.op, ast.Pow) and isinstance(right, int) and abs(right) > 1024:
            return COMPUTED  # an integer power can take memory and time without bound
        try:
            return _ARITHMETIC[type(node.op)](left, right)
        except (ArithmeticError, ValueError):
            return COMPUTED
    return COMPUTED


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def literal(question, answer) -> str:
    """How an answer is written in the file: ``"c"`` for a choice, ``1000000`` or ``0.25``
    for a number."""
    value = answer_key.parse(question, answer)
    if question.is_numeric:
        return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else \
            repr(float(value))
    return f'"{value}"'


def with_answers(source: str, new: dict[str, str], ids) -> str:
    """``source`` with ``QUIZ_ANSWERS[id] = literal`` for each of ``new`` (id -> literal
    text), edited by the assignment's spans; CannotEdit when that is not safe."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise CannotEdit(f"the file does not parse (line {error.lineno}: {error.msg}); fix "
                         "that first") from None
    found = _assignment(tree)
    if found is None:
        body = "".join(f"    \"{key}\": {value},\n" for key, value in new.items())
        newline = _newline(source)
        ending = "" if not source or source.endswith(("\n", "\r")) else newline
        return source + ending + (newline + f"{NAME} = {{\n{body}}}\n").replace("\n", newline)
    if not isinstance(found.value, ast.Dict):
        raise CannotEdit(f"{NAME} is not written as a dict literal {{...}}")
    starts = _line_starts(source)
    edits = []  # (start, end, text)
    keys = {}
    for key, value in zip(found.value.keys, found.value.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise CannotEdit(f"{NAME} has a key that is not a plain string")
        keys[key.value] = (key, value)
    missing = []
    for question_id, text in new.items():
        if question_id in keys:
            edits.append((*_span(source, starts, keys[question_id][1]), text))
            continue
        misspelt = next((k for k, meant in answer_key.unknown_keys(keys, ids).items()
                         if meant == question_id and k not in new), None)
        if misspelt is not None:
            key_node, value_node = keys.pop(misspelt)
            edits.append((*_span(source, starts, key_node), f'"{question_id}"'))
            edits.append((*_span(source, starts, value_node), text))
        else:
            missing.append((question_id, text))
    if missing:
        edits += _insertions(source, starts, found.value, missing)
    # from the end backwards; at one position, the edit listed first ends up first
    order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
    for start, end, text in (edits[i] for i in order):
        source = source[:start] + text + source[end:]
    return source


def check_edit(source: str, expected: dict[str, object]) -> None:
    """Make sure the edited file parses and says what was meant (a safety net)."""
    edited = LearnerFile(Path("-"), b"", "utf-8", source)
    try:
        ast.parse(source)
    except SyntaxError:
        raise CannotEdit("editing would break the file; nothing was written") from None
    answers = edited.answers()
    if any(answers.get(k) != v for k, v in expected.items()):
        raise CannotEdit("the edit would not set the answers as meant; nothing was written")


def write(original: LearnerFile, source: str, slug: str, now: float) -> Path:
    """Write ``source`` over the file atomically, after keeping the old file in
    ``workspace/.attempts/``; returns where the old one is kept. CannotEdit when the file
    changed since it was read."""
    path = original.path
    try:
        current = path.read_bytes()
    except OSError as error:
        raise CannotEdit(f"cannot read {path} again: {error.strerror}") from None
    if current != original.data:
        raise CannotEdit("the file changed while you answered; nothing was written (run the "
                         "quiz again to write your answers)")
    kept = workspace.keep_attempt(slug, path, now)
    data = source.encode(original.encoding)
    temporary = path.with_name(f".{path.name}.quiz-tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CannotEdit(f"cannot write {path}: {error.strerror}") from None
    return kept


def paste_lines(new: dict[str, str]) -> str:
    """What to paste by hand when the file cannot be edited."""
    return "\n".join(f'{NAME}["{key}"] = {value}' for key, value in new.items())


# spans ----------------------------------------------------------------------------------------

def _assignment(tree: ast.Module) -> ast.Assign | ast.AnnAssign | None:
    """The one module-level statement that sets QUIZ_ANSWERS; CannotEdit when several do."""
    setting = [statement for statement in tree.body if _sets_answers(statement)]
    if not setting:
        return None
    if len(setting) > 1:
        raise CannotEdit(f"{NAME} is set in {len(setting)} places (lines "
                         f"{', '.join(str(s.lineno) for s in setting)})")
    statement = setting[0]
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
            _is_name(statement.targets[0]):
        return statement
    if isinstance(statement, ast.AnnAssign) and _is_name(statement.target) and statement.value:
        return statement
    raise CannotEdit(f"{NAME} is set in a way the quiz cannot edit (line {statement.lineno})")


def _is_name(node) -> bool:
    return isinstance(node, ast.Name) and node.id == NAME


def _sets_answers(statement) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and node.id == NAME and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, (ast.Subscript, ast.Attribute)) and _is_name(node.value) and \
                isinstance(node.ctx, (ast.Store, ast.Del)):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                _is_name(node.func.value):
            return True  # QUIZ_ANSWERS.update(...), .setdefault(...)
    return False


def _line_starts(source: str) -> list[int]:
    return [0] + [match.end() for match in _LINE_END.finditer(source)]


def _offset(source: str, starts: list[int], line: int, byte_col: int) -> int:
    """A character offset from the parser's (line, UTF-8 byte column)."""
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(source)
    text = source[start:end]
    return start + len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def _span(source: str, starts, node) -> tuple[int, int]:
    return (_offset(source, starts, node.lineno, node.col_offset),
            _offset(source, starts, node.end_lineno, node.end_col_offset))


def _newline(source: str) -> str:
    match = _LINE_END.search(source)
    return match.group() if match else "\n"


def _insertions(source: str, starts, node: ast.Dict, missing) -> list[tuple[int, int, str]]:
    """Edits that add ``missing`` (id, literal) pairs at the end of the dict ``node``."""
    close = _offset(source, starts, node.end_lineno, node.end_col_offset) - 1  # the "}"
    line_start = starts[node.end_lineno - 1]
    brace_alone = not source[line_start:close].strip()
    if not node.values:
        entries = ", ".join(f'"{k}": {v}' for k, v in missing)
        return [(close, close, entries)]
    last_end = _span(source, starts, node.values[-1])[1]
    between = source[last_end:close]
    has_comma = _code_of(between).lstrip().startswith(",")
    edits = [] if has_comma else [(last_end, last_end, ",")]
    if not brace_alone:  # a one-line dict, or "}" right after the last value
        return edits + [(close, close, " " + ", ".join(f'"{k}": {v}' for k, v in missing))]
    last_line = node.values[-1].lineno
    key_line = source[starts[last_line - 1]:starts[last_line] if last_line < len(starts)
                      else len(source)]
    indent = re.match(r"[ \t]*", key_line).group() or "    "
    newline = _newline(source)
    text = "".join(f'{indent}"{k}": {v},{newline}' for k, v in missing)
    return edits + [(line_start, line_start, text)]


def _code_of(text: str) -> str:
    """``text`` without comments (what lies between the last value and the closing brace)."""
    return "\n".join(line.split("#", 1)[0] for line in _LINE_END.split(text))
