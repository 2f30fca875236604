"""``notebook``: write a Jupyter notebook for a kata: the statement, the stub's code in cells,
the quiz questions with a QUIZ_ANSWERS cell, and a cell that grades it all with
``katakit.check``.

The notebook is plain JSON (nbformat 4.5), written without Jupyter installed; open it with
Jupyter or VS Code. It is never written over an existing file.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from katakit import catalog, paths
from katakit.catalog import quiz as answer_key
from katakit.commands.common import (EXIT_OK, KATA_HELP, UsageError, command_line,
                                     in_workspace, shown_path)

HELP = "write a Jupyter notebook for a kata: statement, stub cells and a check cell"


def register(commands) -> None:
    parser = commands.add_parser("notebook", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    parser.add_argument("--out", type=Path, help="where to write it (default: "
                        f"{in_workspace('KATA.ipynb')}); never overwritten")
    parser.set_defaults(handler=run)


def run(args) -> int:
    kata = catalog.load(args.kata)
    path = args.out or paths.workspace_dir() / f"{kata.slug}.ipynb"
    if path.exists():
        raise UsageError(f"{shown_path(path)} already exists and is left as it is; pass --out "
                         "PATH to write another notebook")
    document = notebook(kata)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # exclusive: never overwrites
        json.dump(document, handle, indent=1, ensure_ascii=False)
        handle.write("\n")
    print(f"{shown_path(path)}\nOpen it in Jupyter (or VS Code), fill in the code cells and run "
          f"the last one; it grades what you wrote, like {command_line('check', kata.slug)}.")
    return EXIT_OK


def notebook(kata: catalog.Kata) -> dict:
    """The notebook as nbformat 4.5 JSON."""
    stub = kata.stub_path.read_text(encoding="utf-8")
    code_cells, names, answers = stub_cells(stub)
    cells = [_markdown(without_commands(kata.statement_path.read_text(encoding="utf-8")))]
    cells += [_code(code) for code in code_cells]
    cells.append(_markdown(quiz_text(kata)))
    cells.append(_code(answers or _empty_answers(kata)))
    cells.append(_markdown("## Check your work\n\nRun this cell after every change: it grades "
                           "the classes and functions above (only what is passed, so keep "
                           "helpers in the list) and the quiz answers, with the same hidden "
                           "checks as the command line."))
    targets = ", ".join(names)
    cells.append(_code(f"import katakit\n\nreport = katakit.check({kata.slug!r}, {targets}, "
                       "quiz_answers=QUIZ_ANSWERS)\nreport"))
    for number, cell in enumerate(cells):
        cell["id"] = f"{kata.slug.replace('_', '-')}-{number}"
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"},
                         "language_info": {"name": "python"}}}


def without_commands(statement: str) -> str:
    """The statement without its ``## Commands`` section: in a notebook the last cell grades
    the work, and the command lines would name a workspace file the notebook does not use."""
    return re.sub(r"(?ms)^## Commands\s*$.*?(?=^## |\Z)", "", statement).rstrip() + "\n"


def stub_cells(source: str) -> tuple[list[str], list[str], str]:
    """The stub as cells: consecutive plain statements (imports, constants) together, each
    class and function alone; also the names to grade and the QUIZ_ANSWERS assignment. The
    module docstring and the comments between statements (command-line instructions) are
    left out."""
    tree = ast.parse(source)
    lines = source.splitlines()
    cells, names, answers, plain = [], [], "", []
    for statement in tree.body:
        start = min([statement.lineno] + [d.lineno for d in
                                          getattr(statement, "decorator_list", [])])
        text = "\n".join(lines[start - 1:statement.end_lineno])
        if statement is tree.body[0] and isinstance(statement, ast.Expr) and \
                isinstance(statement.value, ast.Constant):
            continue
        if any(isinstance(n, ast.Name) and n.id == answer_key.ANSWERS_NAME
               for n in ast.walk(statement)):
            answers = text
            continue
        if isinstance(statement, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            if plain:
                cells.append("\n".join(plain))
                plain = []
            cells.append(text)
            names.append(statement.name)
        else:
            plain.append(text)
    if plain:
        cells.append("\n".join(plain))
    return cells, names, answers


def quiz_text(kata: catalog.Kata) -> str:
    """The quiz questions in full, as Markdown."""
    parts = ["## Quiz\n\nAnswer in `QUIZ_ANSWERS` below: a letter for a choice question, a "
             "number for the others. The check cell grades them and explains each one."]
    for number, question in enumerate(kata.quiz, 1):
        parts.append(f"**{number}. `{question.id}`** {question.question}")
        if question.choices:
            parts.append("\n".join(f"- {letter}) {choice}" for letter, choice in
                                   zip(answer_key.letters(question), question.choices)))
    return "\n\n".join(parts)


def _empty_answers(kata) -> str:
    body = "".join(f"    {q.id!r}: None,\n" for q in kata.quiz)
    return f"{answer_key.ANSWERS_NAME} = {{\n{body}}}"


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": _lines(text)}


def _code(text: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
            "source": _lines(text)}


def _lines(text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    return [line + "\n" for line in lines[:-1]] + lines[-1:]
