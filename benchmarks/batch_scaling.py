"""Benchmark (not a test): `batch` on a cohort (the linear_regression goldens without the
hanging one, the reference and the stub) with --jobs 1 and --jobs 2, isolation on.

    python benchmarks/batch_scaling.py

On 2 cores, --jobs 2 should take about half as long as --jobs 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KATA = "linear_regression"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        cohort = Path(folder) / "cohort"
        cohort.mkdir()
        for golden in (ROOT / "tests" / "katas" / KATA / "golden").glob("*__*.py"):
            if "hangs" not in golden.name:
                shutil.copy(golden, cohort / golden.name)
        shutil.copy(ROOT / "solutions" / f"{KATA}.py", cohort / "reference.py")
        shutil.copy(ROOT / "problems" / f"{KATA}.py", cohort / "stub.py")
        count = len(list(cohort.glob("*.py")))
        seconds = {}
        for jobs in (1, 2):
            started = time.perf_counter()
            subprocess.run([sys.executable, "grader.py", "batch", KATA, str(cohort), "--jobs",
                            str(jobs), "--seed", "7", "--out", str(Path(folder) / f"r{jobs}")],
                           cwd=ROOT, capture_output=True, check=False)
            seconds[jobs] = time.perf_counter() - started
            print(f"--jobs {jobs}: {count} submissions in {seconds[jobs]:.1f} s")
        print(f"speed-up with 2 jobs: {seconds[1] / seconds[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
