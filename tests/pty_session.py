"""Drive the grader in a pseudo-terminal, as a person at a keyboard would."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time

from conftest import ROOT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Terminal:
    def __init__(self, args, env, columns=120):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the grader
            os.chdir(ROOT)
            env = {**env, "COLUMNS": str(columns), "TERM": "xterm"}
            os.execve(sys.executable, [sys.executable, "grader.py", *map(str, args)], env)
        self.seen = ""

    def read_until(self, pattern: str, timeout: float = 60, since: int = 0) -> str:
        """The screen so far, once ``pattern`` appears (after position ``since``)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.seen[since:]):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{pattern!r} never appeared; screen so far:\n"
                                     f"{self.seen[-3000:]}")
            if select.select([self.fd], [], [], min(left, 0.2))[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the child has exited
                    chunk = b""
                if not chunk:
                    time.sleep(0.05)
                    if not re.search(pattern, self.seen[since:]):
                        raise AssertionError(f"{pattern!r} not printed before exit:\n"
                                             f"{self.seen[-3000:]}")
                self.seen += ANSI.sub("", chunk.decode(errors="replace"))
        return self.seen

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.read_until(r"$^", timeout=0.2)  # drain until the child exits
            except AssertionError:
                pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError("the session did not end")
