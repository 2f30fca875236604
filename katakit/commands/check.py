"""``check``: grade a file (the workspace file by default) and record it in the history."""

from __future__ import annotations

from pathlib import Path

from katakit import catalog
from katakit.output import formats
from katakit.output import report
from katakit.commands.common import (EXIT_NOT_PASSED, EXIT_OK, KATA_HELP, command_line,
                                     console, grade_and_record, in_workspace, resolve_target, seed_value)
from katakit.results import Verdict

HELP = "grade a file (your workspace file by default) against a kata's hidden checks"
def file_help() -> str:
    return f"the Python file to grade (default: {in_workspace('KATA.py')}, made by `start`)"
REFERENCE_HELP = "grade the kata's reference solution instead (not recorded in the history)"
SEED_HELP = "seed of the random test data (printed by every run) to reproduce a run"
JSON_HELP = "print one JSON object on stdout and nothing else (same as --format json)"
FORMAT_HELP = ("output format: text (default), json, junit (JUnit XML for CI) or gradescope "
               "(an autograder results.json)")
NO_RECORD_HELP = "do not record this check in your history (batch grading uses it)"
VERBOSE_HELP = "show what every check verifies, passing ones too (their titles)"


def register(commands) -> None:
    parser = commands.add_parser("check", help=HELP, description=HELP)
    parser.add_argument("kata", help=KATA_HELP)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--file", type=Path, help=file_help())
    target.add_argument("--reference", action="store_true", help=REFERENCE_HELP)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=JSON_HELP)
    output.add_argument("--format", choices=formats.FORMATS, default="text", help=FORMAT_HELP)
    parser.add_argument("--no-record", action="store_true", help=NO_RECORD_HELP)
    parser.add_argument("--seed", type=seed_value, help=SEED_HELP)
    parser.add_argument("--verbose", "-v", action="store_true", help=VERBOSE_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    kata = catalog.load(args.kata)
    path, label = resolve_target(kata, args.file, args.reference)
    result = grade_and_record(kata, path, label, args.seed,
                              record=not (args.reference or args.no_record))
    output_format = "json" if args.json else args.format
    if output_format != "text":
        writer = {"json": formats.to_json, "junit": formats.to_junit,
                  "gradescope": formats.to_gradescope}[output_format]
        print(writer(result))
    else:
        again = command_line("check", kata.slug, *(["--reference"] if args.reference else []),
                             *(["--file", str(args.file)] if args.file else []),
                             "--seed", result.seed)
        quiz = command_line("quiz", kata.slug, *(["--file", str(args.file)] if args.file
                                                 else []))
        report.render(result, console(), again, quiz_command=quiz,
                      layout=report.Layout.FULL if args.verbose else report.Layout.COMPACT)
    return EXIT_OK if result.verdict is Verdict.PASS else EXIT_NOT_PASSED
