"""The operating-system boundary around a worker, tried for real.

``run_inside`` runs code in a sandbox exactly like a worker's but without the worker's
in-process guard, so what these tests see refused is refused by the kernel (namespaces, a
read-only filesystem, cgroups), not by an audit hook a determined submission could get around.
Where the machine has no isolation (no bubblewrap), these tests are skipped, unless
``KATAKIT_TEST_ISOLATION=required`` (CI sets it) makes that a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from katakit.candidate import isolation
from katakit.candidate.client import Candidate
from katakit.candidate.errors import CandidateCrashed

SANDBOX = isolation.detect()
if not SANDBOX.isolated:
    if os.environ.get("KATAKIT_TEST_ISOLATION") == "required":
        raise RuntimeError(f"isolation is required here: {isolation.unavailable_reason()}")
    pytest.skip(f"no isolation on this machine: {isolation.unavailable_reason()}",
                allow_module_level=True)


def inside(code: str, timeout=60) -> subprocess.CompletedProcess:
    return isolation.run_inside(SANDBOX, textwrap.dedent(code), timeout)


def test_the_kit_and_other_submissions_cannot_be_read_or_listed(tmp_path):
    classmate = tmp_path / "classmate.py"
    classmate.write_text("SECRET = 42\n")
    result = inside(f"""
        import os
        for path in {[str(ROOT / "solutions" / "linear_regression.py"),
                      str(ROOT / "tests" / "katas"), str(ROOT / ".git"), str(classmate),
                      str(ROOT / "katakit" / "examiner")]!r}:
            print(path, os.path.exists(path))
        print("listing", sorted(os.listdir({str(ROOT)!r})))
    """)
    lines = result.stdout.splitlines()
    assert all(line.endswith(" False") for line in lines[:-1]), result.stdout + result.stderr
    listed = eval(lines[-1].removeprefix("listing "))
    assert set(listed) <= {"katakit", ".venv"}, listed


def test_writes_outside_the_private_tmp_fail(tmp_path):
    mine = f"/tmp/katakit-private-{os.getpid()}"
    result = inside(f"""
        import os
        for path in ("/x", "/usr/x", "/submission/x", "/dev/shm/x", {str(ROOT / "x")!r},
                     {str(tmp_path / "x")!r}, {mine!r}):
            try:
                with open(path, "w") as handle:
                    handle.write("x")
                print("wrote", path)
            except OSError as error:
                print("refused", path, error.strerror)
    """)
    wrote = [line.removeprefix("wrote ") for line in result.stdout.splitlines()
             if line.startswith("wrote")]
    # A checkout under /tmp (a CI clone) lies inside the private tmpfs, where a write is allowed
    # and lands in memory only; what matters is that every write stayed in that tmpfs.
    assert mine in wrote, result.stdout + result.stderr
    assert all(path.startswith("/tmp/") for path in wrote), result.stdout + result.stderr
    assert not (tmp_path / "x").exists() and not (ROOT / "x").exists()
    assert not Path(mine).exists()


def test_no_process_outside_the_sandbox_can_be_seen_or_signalled():
    result = inside(f"""
        import os, signal
        print(sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
        try:
            os.kill({os.getpid()}, signal.SIGKILL)
            print("signalled")
        except ProcessLookupError:
            print("no such process")
    """)
    pids, outcome = result.stdout.splitlines()
    assert len(eval(pids)) <= 3 and outcome == "no such process", result.stdout
    assert os.getpid()  # still alive


def test_the_network_is_unreachable():
    result = inside("""
        import socket
        try:
            socket.create_connection(("1.1.1.1", 80), timeout=2)
            print("connected")
        except OSError as error:
            print("unreachable", error.errno)
        print(sorted(name for _, name in socket.if_nameindex()))
    """)
    assert result.stdout.startswith("unreachable") and "['lo']" in result.stdout, result.stdout


def test_the_submission_runs_as_nobody_without_capabilities():
    result = inside("""
        import os
        print(os.getuid(), os.getgid())
        print(open("/proc/self/status").read().split("CapEff:")[1].split()[0])
    """)
    uid_gid, capabilities = result.stdout.splitlines()
    assert uid_gid == f"{isolation.NOBODY} {isolation.NOBODY}"
    assert int(capabilities, 16) == 0


@pytest.mark.skipif(not getattr(SANDBOX, "cgroup_roots", ()), reason="no cgroups here")
def test_memory_held_in_files_counts_against_the_limit():
    """memfd_create held 3 GB past a 2 GiB address-space limit; the cgroup counts it."""
    result = inside("""
        import os
        chunk = b"x" * (64 << 20)
        for held in range(1, 49):
            os.write(os.memfd_create("m"), chunk)
            print(held * 64, flush=True)
    """, timeout=120)
    held = int(result.stdout.split()[-1]) if result.stdout.split() else 0
    assert result.returncode != 0 and held < 2048, (result.returncode, held)


@pytest.mark.skipif(not getattr(SANDBOX, "cgroup_roots", ()), reason="no cgroups here")
def test_a_fork_bomb_stops_at_the_process_limit():
    result = inside("""
        import os
        children = 0
        try:
            while children < 500:
                if os.fork() == 0:
                    import time; time.sleep(30); os._exit(0)
                children += 1
        except OSError:
            pass
        print(children)
    """)
    assert int(result.stdout) < isolation.PROCESS_LIMIT


def test_what_a_submission_leaves_behind_dies_with_its_sandbox():
    """A process forked into a new session outlives the code that started it; when the
    sandbox's first process ends, the kernel stops every process in its namespace."""
    before = _sleepers()
    started = time.monotonic()
    result = inside("""
        import os, time
        if os.fork() == 0:
            os.setsid()
            time.sleep(120)
            os._exit(0)
        print("parent leaves", flush=True)
    """)
    assert result.stdout.strip() == "parent leaves"
    assert time.monotonic() - started < 20  # nobody waited for the child
    time.sleep(0.5)
    assert _sleepers() <= before


def _sleepers() -> int:
    """Processes of this machine running a sandboxed probe."""
    found = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"/submission/probe.py" in handle.read():
                    found += 1
        except OSError:
            continue
    return found


def test_a_worker_in_the_sandbox_grades_as_one_outside_does(tmp_path):
    path = tmp_path / "fine.py"
    path.write_text("import numpy as np\ndef f(x):\n    print(x)\n    return float(np.sum(x))\n")
    with Candidate(path, (), isolate=SANDBOX) as candidate:
        assert candidate.call("f", np.arange(5.0)) == 10.0
        value, cost = candidate.timed_call("f", np.ones(1_000_000))
        assert value == 1e6 and cost.peak_bytes > 0  # measured from outside the sandbox


def test_a_worker_that_ends_itself_is_told_so_not_blamed_on_memory(tmp_path):
    """The sandbox stands between the grader and the worker: how the worker ended must be
    read before the grader cleans up, or every exit looks like a kill."""
    path = tmp_path / "quits.py"
    path.write_text("import os\ndef f():\n    os._exit(3)\n")
    with Candidate(path, (), isolate=SANDBOX) as candidate:
        for _ in range(3):  # each call meets a fresh worker that ends the same way
            with pytest.raises(CandidateCrashed, match="ended the process with exit code 3"):
                candidate.call("f")


@pytest.mark.slow
def test_a_batch_peer_cannot_fail_slow_or_read_a_classmate(grader, tmp_path):
    """Submissions that attack their peers (kill every process they can see, hog memory,
    leave processes behind, read the folder of submissions) next to a correct one."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    shutil.copy(ROOT / "solutions" / "linear_regression.py", cohort / "ada.py")
    attack = ("import os, signal\n"
              "for pid in os.listdir('/proc'):\n"
              "    if pid.isdigit() and int(pid) != os.getpid():\n"
              "        try:\n            os.kill(int(pid), signal.SIGKILL)\n"
              "        except Exception:\n            pass\n"
              f"SEEN = os.path.exists({str(cohort / 'ada.py')!r})\n")
    (cohort / "mallory.py").write_text(attack + (ROOT / "solutions" /
                                                 "linear_regression.py").read_text())
    (cohort / "hog.py").write_text("import numpy as np\nBIG = np.ones((1 << 27,))\n")
    result = grader("batch", "linear_regression", cohort, "--jobs", "2", "--seed", "3",
                    "--out", tmp_path / "report", timeout=600)
    rows = {r["student"]: r for r in
            json.loads((tmp_path / "report.json").read_text())["submissions"]}
    assert rows["ada"]["verdict"] == "pass", rows["ada"]
    assert all(r["isolation"].startswith("bubblewrap") for r in rows.values())
    assert "submissions" in result.stdout


@pytest.mark.slow
def test_gradescope_results_are_the_graders_whatever_the_submission_does(tmp_path):
    """Gradescope's layout, simulated: the submission tries to write results.json, now and
    from a process left behind; the file the autograder leaves is the grader's own."""
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    (root / "results").mkdir()
    results = root / "results" / "results.json"
    forged = '{"score": 999, "tests": []}'
    attack = ("import os, time\n"
              f"TARGET = {str(results)!r}\n"
              "def forge():\n"
              "    try:\n"
              f"        open(TARGET, 'w').write({forged!r})\n"
              "    except Exception:\n        pass\n"
              "forge()\n"
              "try:\n"
              "    if os.fork() == 0:\n"
              "        time.sleep(3); forge(); os._exit(0)\n"
              "except Exception:\n    pass\n")
    (root / "submission" / "linear_regression.py").write_text(
        attack + (ROOT / "solutions" / "linear_regression.py").read_text())
    script = ROOT / "integrations" / "gradescope" / "run_autograder"
    env = {"PATH": os.environ["PATH"], "AUTOGRADER_ROOT": str(root), "KIT_DIR": str(ROOT),
           "KIT_PYTHON": sys.executable, "KATAKIT_DATA": str(tmp_path / "data")}
    subprocess.run([str(script)], env=env, check=True, timeout=300)
    time.sleep(4)  # longer than the left-behind process would wait
    document = json.loads(results.read_text())
    assert document["score"] != 999 and document["tests"], document
    assert "Isolation: bubblewrap" in document["output"]
