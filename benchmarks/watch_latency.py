"""Benchmark (not a test): time from saving the workspace file to `watch` showing the new
verdict, as a learner experiences it. Runs `watch` on a scratch workspace and saves N times.

    python benchmarks/watch_latency.py [--saves 5]
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
KATA = "linear_regression"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="katakit-watch-"))
    workspace = scratch / "workspace"
    workspace.mkdir()
    path = workspace / f"{KATA}.py"
    source = (ROOT / "solutions" / f"{KATA}.py").read_text()
    path.write_text(source)
    env = {**os.environ, "KATAKIT_DATA": str(scratch / "data"),
           "KATAKIT_WORKSPACE": str(workspace)}
    watcher = subprocess.Popen([sys.executable, "grader.py", "watch", KATA], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, text=True)
    latencies = []
    try:
        wait_for_verdict(watcher)  # the first grade, at start-up
        for save in range(args.saves):
            time.sleep(0.5)
            saved = time.perf_counter()
            path.write_text(source + f"\n# save {save}\n")
            wait_for_verdict(watcher)
            latencies.append(time.perf_counter() - saved)
    finally:
        watcher.terminate()
    print(f"save -> verdict on screen: median {statistics.median(latencies):.3f} s, "
          f"min {min(latencies):.3f} s, max {max(latencies):.3f} s ({args.saves} saves)")
    return 0


def wait_for_verdict(watcher) -> None:
    for line in watcher.stdout:
        if line.startswith("Verdict:"):
            return
    raise SystemExit("watch ended unexpectedly")


if __name__ == "__main__":
    sys.exit(main())
