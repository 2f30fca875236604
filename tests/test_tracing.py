"""The vectorization counters: constant for vectorized code, growing for every loop style."""

from __future__ import annotations

import numpy as np
import pytest

from katakit.candidate.client import Candidate

LOOPS = {
    "for_statement": "    t = 0.0\n    for v in x:\n        t += v\n    return t\n",
    "comprehension": "    return sum([v * 2 for v in x])\n",
    "builtin_sum": "    return sum(x)\n",
    "map_of_c_function": "    return list(map(abs, x))\n",
    "reduce": "    import functools, operator\n    return functools.reduce(operator.add, x)\n",
    "np_vectorize": "    return np.vectorize(lambda v: v * 2)(x)\n",
    "map_over_unpacked_rows": "    return np.array(list(map(np.abs, [*x])))\n",
    "iterator_consumed_in_c": "    return sum(iter(x))\n",
    "recursion": "    return 0.0 if len(x) == 0 else x[0] + f(x[1:])\n",
}
VECTORIZED = "    xs: list[float] = list((1.0, 2.0))\n    assert isinstance(xs, list)\n" \
             "    return float(np.sum(x * 2)) + len(xs)\n"
# Valid code that leans on the builtin types themselves, at import time and inside the call.
USES_BUILTIN_TYPES = """import functools
import numpy as np

@functools.singledispatch
def as_array(value):
    return np.asarray(value, dtype=float)

@as_array.register(list)
def _(value: list | tuple):
    return np.array(value, dtype=float)

assert type([]) is list  # real builtins outside the counted calls

def f(x: np.ndarray | list):
    match [1.0, 2.0]:
        case list() as pair if isinstance(pair, (list, tuple)):
            pass
        case _:
            raise AssertionError("match on list() failed")
    assert issubclass(list, object) and isinstance(list, type)
    return float(np.sum(as_array(x))) + float(np.sum(as_array([1.0, 2.0])))
"""


def work(tmp_path, body, n):
    path = tmp_path / "learner.py"
    path.write_text("import numpy as np\n\ndef f(x):\n" + body)
    with Candidate(path) as candidate:
        counts = candidate.trace([{"name": "f", "args": [np.ones(n)], "kwargs": {}}],
                                 [{"name": "f", "args": [np.ones(n) * 2], "kwargs": {}}])
    return counts["events"] + counts["iterated"]


@pytest.mark.parametrize("style", LOOPS)
def test_every_loop_style_grows_with_the_data(tmp_path, style):
    assert work(tmp_path, LOOPS[style], 200) - work(tmp_path, LOOPS[style], 20) >= 150


def test_vectorized_code_does_constant_work_and_builtins_still_behave(tmp_path):
    assert work(tmp_path, VECTORIZED, 20) == work(tmp_path, VECTORIZED, 2000)


def test_builtin_types_keep_working_in_annotations_match_and_singledispatch(tmp_path):
    path = tmp_path / "learner.py"
    path.write_text(USES_BUILTIN_TYPES)
    with Candidate(path) as candidate:
        assert candidate.load_problem() is None
        assert candidate.call("f", np.ones(4)) == 7.0
        counts = candidate.trace([{"name": "f", "args": [np.ones(5)], "kwargs": {}}],
                                 [{"name": "f", "args": [np.ones(5)], "kwargs": {}}])
    assert counts["events"] > 0


def test_switching_the_tracer_off_voids_the_count(tmp_path):
    body = ("    import sys\n    tracer = sys.gettrace()\n    sys.settrace(None)\n"
            "    t = 0.0\n    for v in x:\n        t += v\n    sys.settrace(tracer)\n"
            "    return t\n")
    path = tmp_path / "learner.py"
    path.write_text("import numpy as np\n\ndef f(x):\n" + body)
    with Candidate(path) as candidate:
        call = {"name": "f", "args": [np.ones(50)], "kwargs": {}}
        assert candidate.trace([call], [call])["events"] == -1


PRINTING = {
    "print_array": "    print(x)\n    return float(np.sum(x))\n",
    "f_string": "    print(f'x = {x}, doubled = {x * 2}')\n    return float(np.sum(x))\n",
    "repr_in_a_log": "    import logging\n    logging.getLogger('t').warning('x=%r', x)\n"
                    "    return float(np.sum(x))\n",
    "formatted_row": "    print(', '.join(f'{v:.3f}' for v in x))\n    return float(np.sum(x))\n",
    "mapped_to_text": "    print(' '.join(map(str, x)))\n    return float(np.sum(x))\n",
    "array2string": "    s = np.array2string(x, precision=2)\n    return float(np.sum(x)) + 0 * len(s)\n",
}


@pytest.mark.parametrize("style", PRINTING)
def test_printing_and_formatting_arrays_of_any_size_is_not_counted(tmp_path, style):
    assert work(tmp_path, PRINTING[style], 20) == work(tmp_path, PRINTING[style], 2000)


def test_a_start_value_is_not_an_iteration(tmp_path):
    body = ("    import functools\n"
            "    return functools.reduce(np.add, [x * 2], np.zeros_like(x)).sum()\n")
    assert work(tmp_path, body, 20) == work(tmp_path, body, 2000)


def test_work_resumed_in_a_generator_made_before_the_count_is_counted(tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("import numpy as np\n"
                    "def steps():\n"
                    "    while True:\n"
                    "        x = yield\n"
                    "        total = 0.0\n"
                    "        for v in x:\n"
                    "            total += v\n"
                    "STEPS = steps()\n"
                    "next(STEPS)\n"
                    "def f(x):\n"
                    "    STEPS.send(x)\n"
                    "    return float(np.sum(x))\n")
    counts = []
    with Candidate(path) as candidate:
        for n in (20, 200):
            call = {"name": "f", "args": [np.ones(n)], "kwargs": {}}
            result = candidate.trace([call], [call])
            counts.append(result["events"] + result["iterated"])
    assert counts[1] - counts[0] >= 150


def test_a_builtin_walking_an_array_is_named_with_its_line(tmp_path):
    path = tmp_path / "learner.py"
    path.write_text("import numpy as np\n\ndef f(x):\n    return sum(x)\n")
    with Candidate(path) as candidate:
        call = {"name": "f", "args": [np.ones(300)], "kwargs": {}}
        lines = candidate.trace([call], [call])["lines"]
    assert lines["4"]["builtins"] == {"sum": 300} and lines["4"]["own"] == 1
