"""Benchmark (not a test): median wall time of a full `check` of the reference solution,
next to the interpreter floor `python -c "import numpy, pytest"`, measured in one run.

    python benchmarks/check_time.py [--runs 7] [--kata linear_regression]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.5


def wall_times(command, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--kata", default="linear_regression")
    args = parser.parse_args()
    floor = wall_times([sys.executable, "-c", "import numpy, pytest"], args.runs)
    check = wall_times([sys.executable, "grader.py", "check", args.kata, "--reference",
                        "--json", "--seed", "1"], args.runs)
    rows = (("interpreter floor (import numpy, pytest)", floor),
            (f"full check of {args.kata} --reference", check))
    for label, times in rows:
        print(f"{label:<45} median {statistics.median(times):6.3f} s   "
              f"min {min(times):6.3f} s   max {max(times):6.3f} s   ({args.runs} runs)")
    median = statistics.median(check)
    verdict = "within" if median <= TARGET_S else "OVER"
    print(f"check - floor = {median - statistics.median(floor):.3f} s; target {TARGET_S} s: "
          f"{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
