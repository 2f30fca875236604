"""Grade from Python or a notebook: ``katakit.check("linear_regression", LinearRegression)``.

The target may be a file path, or classes and functions defined in the notebook: their source
is written, after ``import numpy as np``, to a temporary file that is graded like any other,
in the same sandbox. Pass helpers too (``check("mse_gradients", mse, mse_gradients)``): only
the source of what is passed is graded, and a helper left out is named ("pass `mse` too").

The result is the Report the command line renders, as a
:class:`~katakit.output.notebook.NotebookReport`: ``print(report)`` gives the text report, a
notebook shows it in HTML with the loss curves beside the reference's (for katas that have
curves), and quiz messages say how to pass ``quiz_answers=``.
"""

from __future__ import annotations

import ast
import dataclasses
import errno
import inspect
import linecache
import os
import re
import tempfile
import textwrap
from pathlib import Path

from katakit import catalog
from katakit.examiner import compare
from katakit.examiner import grading as run
from katakit.catalog.quiz import ANSWERS_NAME
from katakit.output.notebook import NotebookReport
from katakit.results import Category, Report, Status

PRELUDE = "import math\n\nimport numpy as np\n\n"
NAME_ERROR = re.compile(r"NameError: name '(\w+)' is not defined")


def check(kata: str, *targets, seed: int | None = None, quiz_answers: dict | None = None,
          curves: bool = True) -> NotebookReport:
    """Grade a file path, or the given classes/functions, against ``kata``'s hidden checks.

    Pass every class and function the solution needs, helpers included: they are graded
    from their source alone, so anything else from the notebook is missing (NameError).
    ``quiz_answers`` is for classes and functions; a file carries its own QUIZ_ANSWERS.
    ``curves`` also runs the kata's comparison (when it has one) for the loss curves."""
    spec = catalog.load(kata)
    if any(isinstance(t, (str, os.PathLike)) for t in targets):
        path = _one_file(targets, quiz_answers)
        report = run.grade(spec, path, seed=seed, protect=False)
        return _with_curves(spec, report, path, curves)
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
        report = run.grade(spec, path, seed=seed, label="notebook", protect=False)
        report = for_notebook(report, spec, targets)
        return _with_curves(spec, report, path, curves)


def for_notebook(report: Report, kata, targets) -> Report:
    """Messages that speak of the file say what to pass instead: ``quiz_answers=`` for the
    quiz, and the helper a NameError names when the notebook defines it."""
    defined = _notebook_names(targets)
    checks = []
    for check in report.checks:
        message = check.message
        if check.category is Category.QUIZ:
            message = (f"not answered yet: pass quiz_answers={{{check.id!r}: ...}} to "
                       f"katakit.check (a letter for a choice, a number otherwise)"
                       if check.status is Status.TODO else
                       message.replace(ANSWERS_NAME, "quiz_answers"))
        missing = NAME_ERROR.search(message)
        if missing and missing.group(1) in defined:
            name = missing.group(1)
            passed = ", ".join(t.__name__ for t in targets)
            message = (f"pass `{name}` too: katakit.check({kata.slug!r}, {passed}, {name}) — "
                       f"only what you pass is graded, and your code calls {name}. ({message})")
        checks.append(dataclasses.replace(check, message=message))
    return dataclasses.replace(report, checks=tuple(checks))


def _notebook_names(targets) -> set[str]:
    """Names the notebook defines that the targets can see (their module's globals)."""
    names = set()
    for target in targets:
        for function in _functions_of(target):
            names |= {name for name, value in function.__globals__.items()
                      if inspect.isfunction(value) or inspect.isclass(value)}
    return names


def _with_curves(kata, report: Report, path: Path, wanted: bool) -> NotebookReport:
    """The report, with the kata's curves (yours and the reference's on the same data) when
    it has a comparison and they are wanted."""
    scenario = compare.scenario_of(kata) if wanted else None
    if scenario is None:
        return NotebookReport.of(report)
    mine = compare.measure(scenario, kata, path, report.seed)
    if mine.problem:
        return NotebookReport.of(report, curves_problem=mine.problem)
    reference = compare.measure(scenario, kata, kata.solution_path, report.seed)
    curves = {name: {"yours": values, **({"reference": reference.curves[name]}
                                         if name in reference.curves else {})}
              for name, values in mine.curves.items()}
    return NotebookReport.of(report, curves=curves)


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
