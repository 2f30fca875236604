"""The learner's process can hang, crash, exit, flood output or misbehave; the examiner stays
in control and each problem surfaces as a typed exception for the check that caused it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from katakit.candidate import protocol
from katakit.candidate.errors import (CandidateCrashed, CandidateTimeout, GradingBudgetSpent,
                            LearnerRaised, LoadFailed,
                            NotAttempted)
from katakit.candidate.client import Candidate, LearnerObject, Limits

FAST = Limits(call_seconds=1.0, load_seconds=10)


def learner(tmp_path, source: str, name="learner.py"):
    path = tmp_path / name
    path.write_text(source)
    return Candidate(path, ["sklearn"], FAST)


def test_a_hang_times_out_and_the_next_call_gets_a_fresh_process(tmp_path):
    with learner(tmp_path, "def f(x):\n    while x:\n        pass\n    return 1\n") as c:
        started = time.monotonic()
        with pytest.raises(CandidateTimeout, match="did not return within 1 s"):
            c.call("f", True)
        assert time.monotonic() - started < 3
        assert c.call("f", False) == 1


def test_os_exit_is_a_crash_with_a_plain_message(tmp_path):
    with learner(tmp_path, "import os\ndef f():\n    print('bye')\n    os._exit(0)\n") as c:
        with pytest.raises(CandidateCrashed, match=r"ended the process with exit code 0"):
            c.call("f")


def test_sys_exit_is_reported_not_obeyed(tmp_path):
    with learner(tmp_path, "import sys\ndef f():\n    sys.exit(3)\n") as c:
        with pytest.raises(LearnerRaised, match=r"sys.exit\(3\) was called"):
            c.call("f")


def test_not_implemented_means_not_attempted(tmp_path):
    with learner(tmp_path, "def f():\n    raise NotImplementedError('TODO')\n") as c:
        with pytest.raises(NotAttempted):
            c.call("f")


def test_learner_exception_names_the_line_in_their_file(tmp_path):
    with learner(tmp_path, "def f(a):\n    return a @ a.T @ a[:, 0, None, None]\n") as c:
        with pytest.raises(LearnerRaised) as raised:
            c.call("f", np.ones((2, 3)))
        assert raised.value.frames[-1]["line"] == 2
        assert "worker.py" not in raised.value.message


def test_each_call_changes_only_its_own_copy_of_the_inputs(tmp_path):
    with learner(tmp_path, "def f(a):\n    a -= 1\n    return a\n") as c:
        x = np.ones(3)
        assert c.call("f", x).tolist() == [0, 0, 0] and c.call("f", x).tolist() == [0, 0, 0]
        assert x.tolist() == [1, 1, 1]
        assert c.call_returning_inputs("f", x)[1][0].tolist() == [0, 0, 0]
        with pytest.raises(LearnerRaised, match="read-only") as raised:
            c.call_returning_inputs("f", x, readonly=True)  # how a check finds the line
        assert raised.value.frames[-1]["line"] == 2


def test_memory_blowup_is_a_learner_error_not_a_dead_grader(tmp_path):
    with learner(tmp_path, "import numpy as np\ndef f():\n    return np.ones((60000, 60000))\n"
                 ) as c:
        with pytest.raises((LearnerRaised, CandidateCrashed), match="MemoryError|killed"):
            c.call("f")


def test_output_flood_is_drained_and_capped(tmp_path):
    source = "import sys\ndef f():\n    sys.stdout.write('x' * 30_000_000)\n    return 5\n"
    with learner(tmp_path, source) as c:
        assert c.call("f") == 5
        text = c.output.text()
        assert c.output.total >= 30_000_000
        assert len(text) < 20_000 and "bytes not shown" in text


def test_forbidden_import_fails_loading_with_an_actionable_message(tmp_path):
    with learner(tmp_path, "import sklearn.linear_model\n") as c:
        with pytest.raises(LoadFailed, match="'sklearn' is not allowed in this kata"):
            c.ensure_started()


def test_returned_objects_are_described_never_unpickled(tmp_path):
    source = ("import numpy as np\nclass M:\n    def me(self):\n        return self\n"
              "    def objs(self):\n        return np.array([object()], dtype=object)\n"
              "    def scalar(self):\n        return np.float32(1.5)\n")
    with learner(tmp_path, source) as c:
        model = c.new("M")
        assert model.call("me") == LearnerObject("M", is_self=True)
        assert model.call("objs").type == "ndarray of object"
        value = model.call("scalar")
        assert isinstance(value, np.float32) and value == 1.5


def test_a_garbage_frame_is_a_protocol_error():
    header, body = protocol.encode({"x": np.arange(3)})
    with pytest.raises(protocol.ProtocolError):
        protocol.decode(header, body[:20])
    assert protocol.decode(header, body)["x"].tolist() == [0, 1, 2]


def test_constructor_defaults_can_be_passed_by_keyword(tmp_path):
    source = "class M:\n    def __init__(self, d, *, alpha=1.0):\n        self.alpha = alpha\n"
    with learner(tmp_path, source) as c:
        assert c.new("M", 3, alpha=0.5).get("alpha") == 0.5


def test_a_submission_cannot_read_the_kit_or_spawn_processes(tmp_path):
    source = ("import os, pathlib, sys\n"
              "KIT = pathlib.Path(sys.modules['katakit'].__file__).resolve().parents[1]\n"
              "def read_reference():\n"
              "    return (KIT / 'solutions' / 'linear_regression.py').read_text()\n"
              "def read_myself():\n"
              "    return len(open(__file__).read()) > 0\n"
              "def shell():\n"
              "    return os.system('true')\n")
    with learner(tmp_path, source) as c:
        assert c.call("read_myself") is True
        with pytest.raises(LearnerRaised, match="may not read the kit's own files"):
            c.call("read_reference")
        with pytest.raises(LearnerRaised, match="os.system is not allowed"):
            c.call("shell")


ATTACKS = {
    "plant_over_the_reference": "os.replace('/tmp/plant.py', str(KIT / 'solutions' / 'x.py'))",
    "write_any_file": "open('/tmp/katakit-probe.txt', 'w').write('x')",
    "open_a_kit_folder_for_dir_fd": "os.open(str(KIT / 'solutions'), os.O_RDONLY)",
    "open_the_root_folder_for_dir_fd": "os.open('/', os.O_RDONLY)",
    "hard_link_the_reference": "os.link(str(KIT / 'solutions' / 'r2_score.py'), '/tmp/r.py')",
    "write_the_graders_stdout": "open(f'/proc/{os.getppid()}/fd/1', 'w')",
    "read_the_graders_memory": "open(f'/proc/{os.getppid()}/mem', 'rb')",
    "patch_own_memory": "open('/proc/self/mem', 'r+b')",
    "native_code_via_ctypes": "__import__('ctypes').pythonapi.Py_GetVersion",
    "read_git_objects": "open(str(KIT / '.git' / 'HEAD')).read()",
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_submission_cannot_change_files_or_reach_other_processes(tmp_path, attack):
    source = ("import os, pathlib, sys\n"
              "KIT = pathlib.Path(sys.modules['katakit'].__file__).resolve().parents[1]\n"
              f"def attack():\n    {ATTACKS[attack]}\n"
              "def harmless():\n"
              "    open('/dev/null', 'w').write('x')\n"
              "    return len(open('/proc/self/status').read()) > 0\n")
    with learner(tmp_path, source) as c:
        with pytest.raises(LearnerRaised, match="PermissionError"):
            c.call("attack")
        assert c.call("harmless") is True


def test_after_the_restart_budget_a_killed_worker_is_not_started_again(tmp_path):
    source = "def hang():\n    while True:\n        pass\ndef fine():\n    return 1\n"
    path = tmp_path / "learner.py"
    path.write_text(source)
    with Candidate(path, (), Limits(call_seconds=0.5, load_seconds=10, restart_seconds=0)) as c:
        assert c.call("fine") == 1  # the first start is always allowed
        with pytest.raises(CandidateTimeout):
            c.call("hang")
        with pytest.raises(GradingBudgetSpent, match="no fresh process is started"):
            c.call("fine")


# --- what the guard refuses, and what it cannot be talked out of -----------------------------

REFUSED = {
    "a_signal_handler": "import signal; signal.signal(signal.SIGALRM, lambda *a: None)",
    "a_timer_signal": "import signal; signal.setitimer(signal.ITIMER_REAL, 0.01)",
    "a_thread": "import threading; threading.Thread(target=print).start()",
    "a_raw_thread": "import _thread; _thread.start_new_thread(print, ())",
    "memory_in_a_file": "import os; os.memfd_create('hold')",
    "fork_exec_directly": "import _posixsubprocess; _posixsubprocess.fork_exec",
    "a_sub_interpreter": "import _xxsubinterpreters",
    "killing_the_grader": "import os, signal; os.kill(os.getppid(), signal.SIGKILL)",
    "limits_of_another_process": "import os, resource; "
                                 "resource.prlimit(os.getppid(), resource.RLIMIT_CPU, (1, 1))",
    "raising_own_limits": "import resource; resource.setrlimit(resource.RLIMIT_AS, (-1, -1))",
    "finding_the_guard_with_gc": "import gc; gc.get_objects()",
    "replacing_a_functions_code": "f = lambda: 1; f.__code__ = (lambda: 2).__code__",
    "a_socket": "import socket; socket.socket()",
}


@pytest.mark.parametrize("attempt", REFUSED)
def test_the_guard_refuses(tmp_path, attempt):
    source = f"def attempt():\n    {REFUSED[attempt]}\n    return 'done'\n"
    with learner(tmp_path, source) as c:
        if attempt == "fork_exec_directly":  # importing it is fine; calling it is refused
            assert c.call("attempt") == "done"
            return
        with pytest.raises(LearnerRaised, match="PermissionError|not allowed"):
            c.call("attempt")


def test_fork_exec_is_replaced_by_a_refusal(tmp_path):
    source = ("import _posixsubprocess\n"
              "def attempt():\n    _posixsubprocess.fork_exec(*([None] * 23))\n")
    with learner(tmp_path, source) as c:
        with pytest.raises(LearnerRaised, match="not allowed in a kata submission"):
            c.call("attempt")


REWRITES = {
    "the_guards_globals": "import katakit.candidate.guard as g; g.WRITING = 0; "
                          "g.HARMLESS_WRITES = frozenset({'/tmp/katakit-forged'}); "
                          "g.SPAWNING = frozenset()",
    "os_path": "import os.path; os.path.realpath = lambda p: '/dev/null'; "
               "os.path.abspath = lambda p: '/dev/null'",
    "os_functions": "import os, posix; os.lstat = os.stat = posix.lstat = None",
    "builtins": "import builtins; builtins.isinstance = lambda *a: False; "
                "builtins.len = lambda *a: 0",
}


@pytest.mark.parametrize("rewrite", REWRITES)
def test_rewriting_what_the_guard_uses_changes_nothing(tmp_path, rewrite):
    source = ("import os\n"
              f"def attempt():\n    {REWRITES[rewrite]}\n"
              "    open('/tmp/katakit-forged', 'w').write('x')\n")
    with learner(tmp_path, source) as c:
        with pytest.raises((LearnerRaised, CandidateCrashed)) as raised:  # never a pass
            c.call("attempt")
    assert not Path("/tmp/katakit-forged").exists()
    if isinstance(raised.value, LearnerRaised):
        assert raised.value.type == "PermissionError"


# --- nothing a reply holds can garble a report or exhaust the grader -------------------------

def test_control_characters_and_surrogates_never_reach_the_report(tmp_path):
    source = ("def f():\n"
              "    raise ValueError('\\x1b[2J\\x1b[H\\x1b[32mPASS\\x1b[0m \\ud800 \\x07 done')\n")
    with learner(tmp_path, source) as c:
        with pytest.raises(LearnerRaised) as raised:
            c.call("f")
    message = raised.value.message
    assert "\x1b" not in message and "\x07" not in message and "\ud800" not in message
    message.encode("utf-8")  # no lone surrogate left to crash an encoder
    assert "PASS" in message  # the text stays readable


def test_a_huge_exception_class_name_is_bounded_and_fast(tmp_path):
    source = ("def f():\n"
              "    raise type('E' * 12_000_000, (Exception,), {})('x' * 5_000_000)\n")
    with learner(tmp_path, source) as c:
        started = time.monotonic()
        with pytest.raises((LearnerRaised, CandidateCrashed)) as raised:
            c.call("f")
    assert len(raised.value.message) < 5000 and time.monotonic() - started < 10


def test_a_compressed_reply_cannot_unpack_into_gigabytes():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        header = io.BytesIO()
        np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False,
                                                      "shape": (1 << 29,)})
        archive.writestr("a0.npy", header.getvalue() + b"\0" * (1 << 22))
    with pytest.raises(protocol.ProtocolError, match="compressed or oversized"):
        protocol.decode(b'{"value": {"__array__": "a0"}}', buffer.getvalue())


def test_an_array_header_claiming_more_data_than_it_holds_is_refused():
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        header = io.BytesIO()
        np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False,
                                                      "shape": (1 << 30,)})
        archive.writestr("a0.npy", header.getvalue() + b"\0" * 64)
    with pytest.raises(protocol.ProtocolError, match="claims more data"):
        protocol.decode(b'{"value": {"__array__": "a0"}}', buffer.getvalue())


def test_a_process_holding_the_output_pipe_does_not_keep_the_grader_waiting():
    import subprocess
    from katakit.candidate.client import CapturedOutput
    read, write = os.pipe()
    holder = subprocess.Popen(["sleep", "30"], stdout=write, pass_fds=(write,))
    os.close(write)
    output = CapturedOutput(read, 1024)
    started = time.monotonic()
    output.close()
    output.text()
    assert time.monotonic() - started < 3
    holder.kill()
    holder.wait()
