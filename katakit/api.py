"""Grade from Python or a notebook: ``katakit.check("linear_regression", LinearRegression)``.

The target may be a file path, or classes and functions defined in the notebook: their source
is written, after ``import numpy as np``, to a temporary file that is graded like any other,
in the same sandbox. Pass helpers too (``check("mse_gradients", mse, mse_gradients)``): only
the source of what is passed is graded. The result is the same Report the command line
renders.
"""

from __future__ import annotations

import ast
import errno
import inspect
import linecache
import os
import tempfile
import textwrap
from pathlib import Path

from katakit import catalog
from katakit.examiner import grading as run
from katakit.catalog.quiz import ANSWERS_NAME
from katakit.results import Report

PRELUDE = "import math\n\nimport numpy as np\n\n"


def check(kata: str, *targets, seed: int | None = None, quiz_answers: dict | None = None
          ) -> Report:
    """Grade a file path, or the given classes/functions, against ``kata``'s hidden checks.

    Pass every class and function the solution needs, helpers included: they are graded
    from their source alone, so anything else from the notebook is missing (NameError).
    ``quiz_answers`` is for classes and functions; a file carries its own QUIZ_ANSWERS."""
    spec = catalog.load(kata)
    if any(isinstance(t, (str, os.PathLike)) for t in targets):
        return run.grade(spec, _one_file(targets, quiz_answers), seed=seed)
    if not targets:
        raise TypeError("check() needs a file path or the classes/functions to grade")
    for target in targets:
        if not (inspect.isclass(target) or inspect.isfunction(target)):
            raise TypeError(f"check() grades a file path (str or pathlib.Path) or classes "
                            f"and functions, not {type(target).__name__} {target!r:.40}")
    if quiz_answers is not None and not isinstance(quiz_answers, dict):
        raise TypeError(f"quiz_answers must be a dict like {{'question_id': 'b'}}, not "
                        f"{type(quiz_answers).__name__}")
    source = PRELUDE + "\n\n".join(source_of(t) for t in targets)
    if quiz_answers is not None:
        source += f"\n\n{ANSWERS_NAME} = {quiz_answers!r}\n"
    with tempfile.TemporaryDirectory(prefix="katakit-notebook-") as folder:
        path = Path(folder) / f"{spec.slug}.py"
        path.write_text(source, encoding="utf-8")
        return run.grade(spec, path, seed=seed, label="notebook")


def _one_file(targets, quiz_answers) -> Path:
    """The single file to grade; errors say what to pass instead."""
    if len(targets) > 1:
        raise TypeError("check() grades one file path, or classes and functions, not both")
    if quiz_answers is not None:
        raise ValueError(f"quiz_answers= cannot be combined with a file: the file carries its "
                         f"own {ANSWERS_NAME}; set them there")
    path = Path(targets[0])
    if not path.exists():
        raise FileNotFoundError(errno.ENOENT, "no such file to grade", str(path))
    if not path.is_file():
        raise IsADirectoryError(errno.EISDIR, "not a file to grade", str(path))
    return path


def source_of(obj) -> str:
    """The source of a class or function, also when it was defined in a notebook cell."""
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (OSError, TypeError):
        pass
    for member in _functions_of(obj):  # notebook classes: find the cell through a method
        filename = member.__code__.co_filename
        lines = linecache.getlines(filename)
        found = _definition_in("".join(lines), obj.__name__)
        if found:
            return found
    raise TypeError(f"cannot find the source of {obj!r}; save it to a .py file and pass the "
                    "path instead")


def _functions_of(obj):
    if inspect.isfunction(obj):
        return [obj]
    return [m for m in vars(obj).values() if inspect.isfunction(m)]


def _definition_in(cell: str, name: str) -> str | None:
    try:
        tree = ast.parse(cell)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == name:
            return ast.get_source_segment(cell, node, padded=True)
    return None
