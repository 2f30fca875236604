"""The learner's local history in SQLite: every check, hint, quiz answer, peek and mock session.

Safe under concurrency (``watch`` plus a manual ``check``): WAL journal, a generous busy
timeout, one short transaction per write, so a kill mid-write loses at most that write and
corrupts nothing. A damaged file or one from a newer kit is reported, never replaced.
"""

from __future__ import annotations

import enum
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from katakit import paths
from katakit.results import FAILING

SCHEMA_VERSION = 1
SNAPSHOT_LIMIT = 1 << 20  # characters of the graded file kept with each check
SCHEMA = """
CREATE TABLE rounds (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, started_at REAL NOT NULL,
                     reason TEXT NOT NULL, replaced_source TEXT);
CREATE TABLE checks (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, round_id INTEGER,
                     at REAL NOT NULL, origin TEXT NOT NULL, target TEXT NOT NULL,
                     verdict TEXT NOT NULL, seed INTEGER, duration_s REAL,
                     failing TEXT NOT NULL, report TEXT NOT NULL, snapshot TEXT);
CREATE TABLE hints (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, round_id INTEGER,
                    at REAL NOT NULL, hint_index INTEGER NOT NULL);
CREATE TABLE quiz_answers (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, at REAL NOT NULL,
                           question TEXT NOT NULL, answer TEXT, correct INTEGER NOT NULL,
                           origin TEXT NOT NULL);
CREATE TABLE peeks (id INTEGER PRIMARY KEY, kata TEXT NOT NULL, round_id INTEGER,
                    at REAL NOT NULL);
CREATE TABLE mocks (id INTEGER PRIMARY KEY, started_at REAL NOT NULL, minutes REAL NOT NULL,
                    katas TEXT NOT NULL, state TEXT NOT NULL, ended_at REAL,
                    scorecard TEXT, folder TEXT);
CREATE TABLE mock_events (id INTEGER PRIMARY KEY, mock_id INTEGER NOT NULL, at REAL NOT NULL,
                          kind TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX checks_by_kata ON checks (kata, at);
"""


class MockState(enum.StrEnum):
    """Where a mock interview is; stored as its value."""

    RUNNING = "running"  # the coding part, someone at the keyboard
    INTERRUPTED = "interrupted"  # left (quit, Ctrl-C, closed terminal); the clock runs on
    QUESTIONS = "questions"  # coding over, the follow-up questions are waiting
    FINISHED = "finished"  # scorecard given after `done`
    TIMED_OUT = "timed_out"  # scorecard given after the time ran out
    ABANDONED = "abandoned"  # set aside for a new interview (--new)

    @property
    def ended(self) -> bool:
        return self in (MockState.FINISHED, MockState.TIMED_OUT, MockState.ABANDONED)

    @property
    def label(self) -> str:
        """How a person reads it."""
        return {"timed_out": "timed out", "interrupted": "left early",
                "questions": "in follow-ups", "running": "in progress"}.get(self.value,
                                                                           self.value)


class HistoryError(Exception):
    """The history database cannot be used; the message says what to do."""


@dataclass(frozen=True)
class CheckRow:
    kata: str
    round_id: int | None
    at: float
    origin: str
    target: str
    verdict: str
    failing: tuple[str, ...]
    duration_s: float


def default_path() -> Path:
    return paths.data_dir() / "history.sqlite3"


class History:
    """One open history database. Use as a context manager or call ``close``."""

    def __init__(self, path: Path | None = None, clock=time.time):
        self.path = Path(path or default_path())
        self.clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 30000")
            self._prepare()
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error) or "malformed" in str(error):
                raise HistoryError(f"the history database {self.path} is damaged ({error}); "
                                   "it was left untouched: move it aside (e.g. add .bak to "
                                   "its name) to start a new history") from None
            raise HistoryError(f"cannot use the history database {self.path}: {error}") \
                from None

    def _prepare(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"the history database {self.path} was written by a newer "
                               f"version of the kit (schema {version}, this one knows "
                               f"{SCHEMA_VERSION}); upgrade the kit (git pull) to use it")
        self.db.execute("PRAGMA journal_mode = WAL")
        if version == 0:  # one script, one transaction; IF NOT EXISTS makes racing creators safe
            idempotent = SCHEMA.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS").replace(
                "CREATE INDEX", "CREATE INDEX IF NOT EXISTS")
            self.db.executescript(f"BEGIN IMMEDIATE; {idempotent} "
                                  f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        self.db.execute("SELECT count(*) FROM checks").fetchone()  # fails early when damaged

    def transaction(self):
        """BEGIN IMMEDIATE ... COMMIT: one writer at a time, all or nothing."""
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # writes ----------------------------------------------------------------------------------
    def start_round(self, kata: str, reason: str, replaced_source: str | None = None) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO rounds (kata, started_at, reason, replaced_source) "
                "VALUES (?, ?, ?, ?)", (kata, self.clock(), reason, replaced_source))
        return cursor.lastrowid

    def record_check(self, report, origin: str, snapshot: str | None) -> None:
        data = report.to_json_dict()
        failing = [c["id"] for c in data["checks"] if c["status"] in FAILING]
        with self.transaction():
            self.db.execute(
                "INSERT INTO checks (kata, round_id, at, origin, target, verdict, seed, "
                "duration_s, failing, report, snapshot) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (report.kata, self.current_round(report.kata), self.clock(), origin,
                 report.target, data["verdict"], report.seed, report.duration_s,
                 json.dumps(failing), json.dumps(data),
                 snapshot[:SNAPSHOT_LIMIT] if snapshot is not None else None))

    def record_hint(self, kata: str, hint_index: int) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO hints (kata, round_id, at, hint_index) "
                            "VALUES (?, ?, ?, ?)",
                            (kata, self.current_round(kata), self.clock(), hint_index))

    def record_quiz_answer(self, kata, question, answer, correct, origin="quiz") -> None:
        with self.transaction():
            self.db.execute("INSERT INTO quiz_answers (kata, at, question, answer, correct, "
                            "origin) VALUES (?, ?, ?, ?, ?, ?)",
                            (kata, self.clock(), question, None if answer is None else
                             str(answer), int(correct), origin))

    def record_peek(self, kata: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO peeks (kata, round_id, at) VALUES (?, ?, ?)",
                            (kata, self.current_round(kata), self.clock()))

    # reads -----------------------------------------------------------------------------------
    def current_round(self, kata: str) -> int | None:
        row = self.db.execute("SELECT max(id) FROM rounds WHERE kata = ?", (kata,)).fetchone()
        return row[0]

    def rounds(self, kata: str) -> list[tuple[int, float, str]]:
        return self.db.execute("SELECT id, started_at, reason FROM rounds WHERE kata = ? "
                               "ORDER BY id", (kata,)).fetchall()

    def checks(self, kata: str | None = None) -> list[CheckRow]:
        query = ("SELECT kata, round_id, at, origin, target, verdict, failing, duration_s "
                 "FROM checks")
        rows = self.db.execute(query + (" WHERE kata = ? ORDER BY id" if kata else
                                        " ORDER BY id"), (kata,) if kata else ()).fetchall()
        return [CheckRow(*r[:6], tuple(json.loads(r[6])), r[7]) for r in rows]

    def hints_revealed(self, kata: str) -> list[int]:
        """Indexes of the hints revealed in the current round, in order."""
        rows = self.db.execute("SELECT DISTINCT hint_index FROM hints WHERE kata = ? AND "
                               "round_id IS ? ORDER BY hint_index",
                               (kata, self.current_round(kata))).fetchall()
        return [r[0] for r in rows]

    def count(self, table: str, kata: str) -> int:
        assert table in ("hints", "peeks", "quiz_answers", "checks", "rounds")
        return self.db.execute(f"SELECT count(*) FROM {table} WHERE kata = ?",
                               (kata,)).fetchone()[0]

    def count_in_round(self, table: str, kata: str, round_id: int | None) -> int:
        assert table in ("hints", "peeks")
        return self.db.execute(f"SELECT count(*) FROM {table} WHERE kata = ? AND round_id IS ?",
                               (kata, round_id)).fetchone()[0]

    def peeked(self, kata: str) -> bool:
        return self.db.execute("SELECT 1 FROM peeks WHERE kata = ? AND round_id IS ?",
                               (kata, self.current_round(kata))).fetchone() is not None

    def quiz_answers(self, kata: str) -> list[tuple[float, str, int, str]]:
        return self.db.execute("SELECT at, question, correct, origin FROM quiz_answers "
                               "WHERE kata = ? ORDER BY id", (kata,)).fetchall()

    def activity_times(self, kata: str) -> list[float]:
        """Every timestamp of the learner working on ``kata``, sorted."""
        rows = self.db.execute(
            "SELECT started_at FROM rounds WHERE kata = :k UNION ALL "
            "SELECT at FROM checks WHERE kata = :k UNION ALL "
            "SELECT at FROM hints WHERE kata = :k UNION ALL "
            "SELECT at FROM quiz_answers WHERE kata = :k", {"k": kata}).fetchall()
        return sorted(r[0] for r in rows)

    def start_mock(self, katas, minutes: float, folder: str) -> int:
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO mocks (started_at, minutes, katas, state, folder) "
                "VALUES (?, ?, ?, ?, ?)", (self.clock(), minutes, json.dumps(katas),
                                           MockState.RUNNING.value, folder))
        return cursor.lastrowid

    def record_mock_event(self, mock_id: int, kind: str, detail: dict) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO mock_events (mock_id, at, kind, detail) "
                            "VALUES (?, ?, ?, ?)",
                            (mock_id, self.clock(), kind, json.dumps(detail)))

    def mock_events(self, mock_id: int) -> list[tuple[float, str, dict]]:
        rows = self.db.execute("SELECT at, kind, detail FROM mock_events WHERE mock_id = ? "
                               "ORDER BY id", (mock_id,)).fetchall()
        return [(at, kind, json.loads(detail)) for at, kind, detail in rows]

    def set_mock_state(self, mock_id: int, state: MockState,
                       scorecard: dict | None = None) -> None:
        state = MockState(state)
        ended = self.clock() if state in (MockState.FINISHED, MockState.TIMED_OUT) else None
        with self.transaction():
            self.db.execute("UPDATE mocks SET state = ?, ended_at = ?, scorecard = "
                            "coalesce(?, scorecard) WHERE id = ?",
                            (state.value, ended, json.dumps(scorecard) if scorecard else None,
                             mock_id))

    def open_mock(self) -> dict | None:
        """The latest mock session that has not ended (running or interrupted), if any."""
        for mock in reversed(self.mock_results()):
            if not mock["state"].ended:
                return mock
        return None

    def mock_results(self) -> list[dict]:
        rows = self.db.execute("SELECT id, started_at, minutes, katas, state, ended_at, "
                               "scorecard, folder FROM mocks ORDER BY id").fetchall()
        results = []
        for mock_id, started, minutes, katas, state, ended, scorecard, folder in rows:
            card = json.loads(scorecard) if scorecard else {}
            results.append({"id": mock_id, "started_at": started, "minutes": minutes,
                            "katas": json.loads(katas), "state": MockState(state),
                            "ended_at": ended,
                            "grade": card.get("grade"), "scorecard": card,
                            "folder": folder})
        return results

    def snapshot_of_last_check(self, kata: str) -> str | None:
        row = self.db.execute("SELECT snapshot FROM checks WHERE kata = ? ORDER BY id DESC "
                              "LIMIT 1", (kata,)).fetchone()
        return row[0] if row else None


class _Transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, *exc):
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")
        return False


def open_history(clock=time.time) -> History:
    return History(default_path(), clock)


__all__ = ["History", "HistoryError", "CheckRow", "MockState", "open_history"]
