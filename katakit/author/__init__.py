"""The kata-author API: what a kata's hidden checks (``tests/katas/<slug>/test_<slug>.py``) are
written with. See ``docs/adding-a-kata.md``.

- declaring and ending a check: :func:`check`, :func:`fail`, :func:`todo`;
- reading what the learner returned: :func:`as_array`, :func:`as_vector`, :func:`as_float`,
  :func:`close`, :func:`worst_gap`, :func:`data_note`, :func:`returned`;
- measuring the learner's code against the reference: :class:`Workload`, :func:`call`,
  :func:`stored`, :func:`assert_constant_work`, :func:`assert_comparable_speed`.
"""

from katakit.author.checks import CheckFailed, CheckTodo, check, fail, todo
from katakit.author.measure import (Workload, assert_comparable_speed, assert_constant_work,
                                    call, stored)
from katakit.author.values import (as_array, as_float, as_vector, close, data_note,
                                   modified_input, precision_note, precision_only, returned,
                                   worst_gap)
from katakit.candidate.client import LearnerObject
from katakit.candidate.errors import LearnerRaised

__all__ = ["CheckFailed", "CheckTodo", "LearnerObject", "LearnerRaised", "Workload",
           "as_array", "as_float", "as_vector", "assert_comparable_speed",
           "assert_constant_work", "call", "check", "close", "data_note", "fail",
           "modified_input", "precision_note", "precision_only", "returned", "stored", "todo",
           "worst_gap"]
