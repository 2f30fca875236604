"""The vectorization counters: constant for vectorized code, growing for every loop style."""

from __future__ import annotations

import numpy as np
import pytest

from katakit.sandbox import Candidate

LOOPS = {
    "for_statement": "    t = 0.0\n    for v in x:\n        t += v\n    return t\n",
    "comprehension": "    return sum([v * 2 for v in x])\n",
    "builtin_sum": "    return sum(x)\n",
    "map_of_c_function": "    return list(map(abs, x))\n",
    "reduce": "    import functools, operator\n    return functools.reduce(operator.add, x)\n",
    "np_vectorize": "    return np.vectorize(lambda v: v * 2)(x)\n",
    "recursion": "    return 0.0 if len(x) == 0 else x[0] + f(x[1:])\n",
}
VECTORIZED = "    xs: list[float] = list((1.0, 2.0))\n    assert isinstance(xs, list)\n" \
             "    return float(np.sum(x * 2)) + len(xs)\n"


def work(tmp_path, body, n):
    path = tmp_path / "learner.py"
    path.write_text("import numpy as np\n\ndef f(x):\n" + body)
    with Candidate(path) as candidate:
        counts = candidate.trace([{"name": "f", "args": [np.ones(n)]}])
    return counts["events"] + counts["iterated"]


@pytest.mark.parametrize("style", LOOPS)
def test_every_loop_style_grows_with_the_data(tmp_path, style):
    assert work(tmp_path, LOOPS[style], 200) - work(tmp_path, LOOPS[style], 20) >= 150


def test_vectorized_code_does_constant_work_and_builtins_still_behave(tmp_path):
    assert work(tmp_path, VECTORIZED, 20) == work(tmp_path, VECTORIZED, 2000)
