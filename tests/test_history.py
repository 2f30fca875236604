"""The history survives concurrent writers and kills, and refuses damaged or newer files."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from katakit.learner.history import History, HistoryError, SCHEMA_VERSION

WRITER = """
import sys, time
from katakit.learner.history import History
with History(sys.argv[1]) as h:
    for i in range(int(sys.argv[2])):
        h.record_hint("kata", i)
"""


def writers(path, count, each):
    return [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(each)])
            for _ in range(count)]


def test_concurrent_writers_lose_nothing(tmp_path):
    path = tmp_path / "history.sqlite3"
    processes = writers(path, 4, 150)
    assert [p.wait(timeout=120) for p in processes] == [0] * 4
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM hints").fetchone()[0] == 600
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_kill_mid_write_corrupts_nothing(tmp_path):
    path = tmp_path / "history.sqlite3"
    History(path).close()
    for _ in range(3):
        (victim,) = writers(path, 1, 100_000)
        time.sleep(0.4)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    with History(path) as history:
        before = history.count("hints", "kata")
        history.record_hint("kata", 0)
        assert history.count("hints", "kata") == before + 1 > 1
        assert history.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_damaged_file_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    before = path.read_bytes()
    try:
        History(path)
    except HistoryError as error:
        assert "damaged" in str(error) and "move it aside" in str(error)
    else:
        raise AssertionError("a damaged history was accepted")
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused_without_touching_it(tmp_path, grader, kit_env):
    from pathlib import Path
    path = Path(kit_env["KATAKIT_DATA"]) / "history.sqlite3"
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    result = grader("list")
    assert result.returncode == 2
    assert "written by a newer version of the kit" in result.stderr
    assert path.read_bytes() == before
