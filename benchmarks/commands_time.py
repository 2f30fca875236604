"""Benchmark (not a test): the commands that do not grade (list, next, show, hint, progress)
next to the interpreter floor `python -c "import numpy"`, measured in one run, interleaved.

    python benchmarks/commands_time.py [--runs 7]

The target (issue 10): each within 1.5x the floor, which they can only meet by never importing
pytest. The history and workspace are a scratch folder, so yours is not touched; `show` is
piped, as in a script (no pager).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5
COMMANDS = {
    "list": ["list"],
    "next": ["next"],
    "show": ["show", "linear_regression"],
    "hint": ["hint", "linear_regression", "1"],
    "progress": ["progress"],
}


def wall_time(command, env) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="katakit-bench-"))
    env = {**os.environ, "KATAKIT_DATA": str(scratch / "data"),
           "KATAKIT_WORKSPACE": str(scratch / "workspace")}
    runs = {"floor": [sys.executable, "-c", "import numpy"]}
    runs.update({name: [sys.executable, "grader.py", *argv] for name, argv in
                 COMMANDS.items()})
    wall_time(runs["list"], env)  # creates the scratch history once, outside the timing
    times = {name: [] for name in runs}
    for _ in range(args.runs):  # interleaved: a change in the machine's load hits all alike
        for name, command in runs.items():
            times[name].append(wall_time(command, env))
    floor = statistics.median(times["floor"])
    print(f"{'interpreter floor (import numpy)':<36} median {floor:6.3f} s "
          f"min {min(times['floor']):6.3f} s   ({args.runs} runs)")
    worst = 0.0
    for name in COMMANDS:
        median = statistics.median(times[name])
        worst = max(worst, median / floor)
        print(f"{name:<36} median {median:6.3f} s   min {min(times[name]):6.3f} s   "
              f"{median / floor:4.2f}x the floor")
    print(f"slowest: {worst:.2f}x the floor; target {TARGET}x: "
          f"{'within' if worst <= TARGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
