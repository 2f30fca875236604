"""Command line: ``python grader.py <command> ...`` (also installed as ``kata``).

Exit codes: 0 when every check passes, 1 when any does not, 2 for usage errors (unknown kata,
missing or unreadable file, bad option), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from katakit import catalog, paths, report
from katakit.results import Verdict

EXIT_PASS, EXIT_NOT_PASSED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

CHECK_HELP = "grade a file (your workspace file by default) against a kata's hidden checks"
FILE_HELP = "the Python file to grade (default: workspace/KATA.py)"
REFERENCE_HELP = "grade the kata's reference solution instead"
SEED_HELP = "seed of the random test data (printed by every run) to reproduce a run"
JSON_HELP = "print one JSON object on stdout and nothing else"


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader.py", description="ML interview kata kit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help=CHECK_HELP, description=CHECK_HELP)
    check.add_argument("kata", help="kata name, e.g. linear_regression")
    target = check.add_mutually_exclusive_group()
    target.add_argument("--file", type=Path, help=FILE_HELP)
    target.add_argument("--reference", action="store_true", help=REFERENCE_HELP)
    check.add_argument("--json", action="store_true", help=JSON_HELP)
    check.add_argument("--seed", type=_seed, help=SEED_HELP)
    check.set_defaults(handler=command_check)
    return parser


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, not {text!r}") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("seed must be between 0 and 2**63 - 1")
    return value


def console(stderr=False) -> Console:
    return Console(stderr=stderr, highlight=False, no_color="NO_COLOR" in os.environ)


def resolve_target(kata: catalog.Kata, args) -> tuple[Path, str]:
    """The file to grade and how to name it in the report."""
    if args.reference:
        return kata.solution_path, "reference"
    path = args.file
    if path is None:
        path = paths.workspace_file(kata.slug)
        if not path.exists():
            raise UsageError(f"no file to grade: pass --file PATH or --reference (or copy "
                             f"{kata.stub_path.relative_to(catalog.ROOT)} to {path})")
    if not path.exists():
        raise UsageError(f"file not found: {path}")
    if not path.is_file():
        raise UsageError(f"not a file: {path}")
    try:
        path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return path, str(args.file or path)


def command_check(args) -> int:
    from katakit import run  # pytest is imported only when grading
    kata = catalog.load(args.kata)
    path, label = resolve_target(kata, args)
    result = run.grade(kata, path, seed=args.seed, label=label)
    if args.json:
        print(report.as_json(result))
    else:
        again = " ".join(a for a in sys.argv[1:] if not a.startswith("--seed"))
        reproduce = f"python grader.py {again} --seed {result.seed}" if "--seed" not in \
            " ".join(sys.argv) else ""
        report.render(result, console(), reproduce)
    return EXIT_PASS if result.verdict is Verdict.PASS else EXIT_NOT_PASSED


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, catalog.CatalogError) as error:
        print(f"error: {error}", file=sys.stderr)  # one line, never wrapped
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
