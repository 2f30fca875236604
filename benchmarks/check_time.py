"""Benchmark (not a test): wall time of a full `check` of the reference solution, with the
isolation this machine allows and without it, next to the interpreter floor
`python -c "import numpy, pytest"`; all measured interleaved in one run, so a busy machine
slows every series alike.

    python benchmarks/check_time.py [--runs 7] [--kata linear_regression]

The targets: a full check within 4x the floor, and isolation within 1.2x of no isolation.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_RATIO, ISOLATION_RATIO = 4.0, 1.2


def timed(command, env=None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kata", default="linear_regression")
    args = parser.parse_args()
    check = [sys.executable, "grader.py", "check", args.kata, "--reference", "--json",
             "--seed", "1"]
    series = {"interpreter floor (import numpy, pytest)":
              ([sys.executable, "-c", "import numpy, pytest"], None),
              f"check {args.kata} --reference, isolated": (check, {"KATAKIT_ISOLATION": "auto"}),
              f"check {args.kata} --reference, no isolation":
              (check, {"KATAKIT_ISOLATION": "none"})}
    times = {label: [] for label in series}
    for _ in range(args.runs):  # interleaved
        for label, (command, env) in series.items():
            times[label].append(timed(command, env))
    for label, values in times.items():
        print(f"{label:<52} median {statistics.median(values):6.3f} s   "
              f"min {min(values):6.3f} s   max {max(values):6.3f} s   ({args.runs} runs)")
    floor, isolated, plain = (statistics.median(v) for v in times.values())
    print(f"isolated check / floor = {isolated / floor:.2f} (target <= {FLOOR_RATIO}); "
          f"isolated / not isolated = {isolated / plain:.2f} (target <= {ISOLATION_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
