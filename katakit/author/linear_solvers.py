"""Diagnosing a least-squares solve: what the learner's code solves, and why its answer is
inaccurate on ill-conditioned data.

Why a module of its own: any kata that solves a linear least-squares problem in closed form
(normal_equation today; a closed-form ridge, a projection onto principal components, a
polynomial fit tomorrow) meets the same mistakes, and an accuracy check that fails must name
the right one, most specific evidence first:

1. the file hands the normal matrix A^T A to a solver (``inv``, ``solve``, ``lstsq``, ``pinv``
   ...): cond(A^T A) = cond(A)^2 whichever solver it is, and pinv of A^T A is no better than
   an inverse of it (read from the source, which names the line);
2. the answer is the least-squares solution with the smallest singular values of A discarded: a
   cut-off such as ``rcond=1e-6`` (read from the values; the source names the line if it can);
3. otherwise, what an error of that size means, without claiming a cause it cannot see.

The learner's file is read as Python reads it (``katakit.text.read_source``), never imported.
"""

from __future__ import annotations

import ast

import numpy as np

from katakit.text import read_source

SOLVERS = {"inv", "pinv", "solve", "lstsq", "cholesky", "cho_solve", "eigh", "qr", "svd"}
ADVICE = ("Solve with an SVD or QR of A itself: np.linalg.lstsq(A, y, rcond=None) or "
          "np.linalg.pinv(A) @ y.")


def source_tree(candidate) -> tuple[ast.Module | None, list[str]]:
    """The learner's file parsed, and its lines (None, [] when it cannot be read)."""
    try:
        source = read_source(candidate.path)
        return ast.parse(source), source.splitlines()
    except (OSError, SyntaxError, ValueError):
        return None, []


def where(lines: list[str], node) -> str:
    """'line 9 (`theta = ...`)'."""
    code = lines[node.lineno - 1].strip()[:80] if 0 < node.lineno <= len(lines) else ""
    return f"line {node.lineno} (`{code}`)" if code else f"line {node.lineno}"


def explicit_inverse_lines(tree) -> list[int]:
    """Lines that import, call or reference a matrix inverse named ``inv``."""
    names, lines = {"inv"}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "inv" for a in node.names):
            names |= {a.asname or a.name for a in node.names if a.name == "inv"}
            lines.append(node.lineno)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr == "inv") or (
                isinstance(node, ast.Name) and node.id in names):
            lines.append(node.lineno)
    return sorted(set(lines))


def _name(node) -> str:
    """The last name of a called function: np.linalg.pinv -> 'pinv', A.T.dot -> 'dot'."""
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _transposed(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "T") or (
        isinstance(node, ast.Call) and _name(node.func) == "transpose")


def _gram(node, names: set) -> bool:
    """A.T @ A, np.dot(A.T, A), A.T.dot(A), np.matmul(A.T, A), or a name bound to one."""
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.MatMult, ast.Add)):
        return _transposed(node.left) or _gram(node.left, names)  # A.T @ A (+ lam * I)
    if isinstance(node, ast.Call) and _name(node.func) in ("dot", "matmul"):
        if isinstance(node.func, ast.Attribute) and _transposed(node.func.value):
            return True
        return bool(node.args) and _transposed(node.args[0])
    return False


def normal_matrix_solve(candidate) -> str:
    """'line 9 (`...`) hands the normal matrix A^T A to pinv ...' when the file gives A^T A
    (directly or through a name) to a solver, else ''."""
    tree, lines = source_tree(candidate)
    if tree is None:
        return ""
    grams = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and _gram(node.value, set()) for target in node.targets
             if isinstance(target, ast.Name)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and _name(node.func) in SOLVERS and node.args
                and _gram(node.args[0], grams)):
            name = _name(node.func)
            return (f"{where(lines, node)} hands the normal matrix A^T A to {name}"
                    + (" (a pseudo-inverse of the squared matrix is no better than an inverse "
                       "of it: use the pseudo-inverse of A itself)" if name == "pinv" else ""))
    return ""


def cut_off_in_source(candidate) -> str:
    """', set by rcond= on line 9 (`...`),' where the file passes a singular-value cut-off to
    lstsq or pinv, else ''."""
    tree, lines = source_tree(candidate)
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Call) and _name(node.func) in ("lstsq", "pinv"):
            for keyword in node.keywords:
                if keyword.arg in ("rcond", "rtol") and not (
                        isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                    return f", set by {keyword.arg}= on {where(lines, node)},"
    return ""


def truncated(A, y, theta) -> tuple[int, float]:
    """(k, s / s_max of the largest discarded value) when theta is the least-squares solution
    of A theta = y with the k smallest nonzero singular values of A discarded, else (0, 0)."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    rank = int(np.sum(s > s[0] * max(A.shape) * np.finfo(float).eps))
    for kept in range(rank - 1, 0, -1):
        guess = Vt[:kept].T @ ((U[:, :kept].T @ y) / s[:kept])
        scale = max(float(np.linalg.norm(guess)), 1.0)
        if np.allclose(theta, guess, rtol=1e-6, atol=1e-9 * scale):
            return rank - kept, float(s[kept] / s[0])
    return 0, 0.0


def why_inaccurate(candidate, A, y, theta) -> str:
    """The root cause of an inaccurate least-squares answer theta for A theta = y, most
    specific evidence first (see the module docstring)."""
    condition = float(np.linalg.cond(A))
    squared = (f"cond(A^T A) = cond(A)^2 = {condition ** 2:.1e}, so every solver of the normal "
               "equations loses about twice as many digits as one working on A")
    gram = normal_matrix_solve(candidate)
    if gram:
        return f"{gram}: {squared}. {ADVICE}"
    dropped, ratio = truncated(A, y, theta)
    if dropped:
        values, it = (("the smallest singular value", "it") if dropped == 1 else
                      (f"the {dropped} smallest singular values", "them"))
        return (f"your answer is the least-squares solution with {values} of A discarded "
                f"(s / s_max = {ratio:.1e}): a singular-value cut-off"
                f"{cut_off_in_source(candidate)} treats {it} as zero, though it is real signal "
                "here. Keep the default cut-off at machine precision: "
                "np.linalg.lstsq(A, y, rcond=None), or np.linalg.pinv(A) without rcond.")
    return (f"{squared}: an error of this size is what going through X^T X or A^T A gives. "
            + ADVICE)


__all__ = ["cut_off_in_source", "explicit_inverse_lines", "normal_matrix_solve", "source_tree",
           "truncated", "where", "why_inaccurate"]
