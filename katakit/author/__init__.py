"""The kata-author API: what a kata's hidden checks (``tests/katas/<slug>/test_<slug>.py``) are
written with. ``docs/adding-a-kata.md`` walks through it with worked examples.

- declaring and ending a check: :func:`check`, :func:`fail`, :func:`todo`;
- the standard checks in one line each: :mod:`katakit.author.standard` (``no_loop``,
  ``speed``, ``inputs_untouched``, ``output_shapes``, ``initial_state``);
- reading what the learner returned: :func:`as_array`, :func:`as_vector`, :func:`as_float`,
  :func:`close`, :func:`worst_gap`, :func:`data_note`, :func:`returned`, :func:`same_values`;
- naming a mistake: :func:`factor_mistake` with the manifest's ``[mistakes.NAME]`` tables
  (learner exceptions are matched by the manifest's ``[[advice]]`` table, for every check);
- measuring against the reference: :class:`Workload`, :func:`call`, :func:`stored`,
  :func:`generator`, :func:`assert_constant_work`, :func:`assert_comparable_speed`;
- gradients and invariances: :mod:`katakit.author.gradcheck`, :mod:`katakit.author.probes`.

The ``candidate`` fixture's worker passes each call its own writeable copies of the arrays and
reports the warnings the learner's code raised (``candidate.take_warnings()``; a failing
check's message names them by itself).
"""

from katakit.author import gradcheck, probes, standard
from katakit.author.checks import CheckFailed, CheckTodo, Unverified, check, fail, todo
from katakit.author.measure import (Workload, assert_comparable_speed, assert_constant_work,
                                    call, generator, run_locally, stored)
from katakit.author.mistakes import factor_mistake
from katakit.author.values import (as_array, as_float, as_vector, close, data_note,
                                   modified_input, precision_note, precision_only, returned,
                                   same_values, worst_gap)
from katakit.candidate.client import LearnerObject
from katakit.candidate.errors import LearnerRaised

__all__ = ["CheckFailed", "CheckTodo", "LearnerObject", "LearnerRaised", "Unverified",
           "Workload", "as_array", "as_float", "as_vector", "assert_comparable_speed",
           "assert_constant_work", "call", "check", "close", "data_note", "factor_mistake",
           "fail", "generator", "gradcheck", "modified_input", "precision_note",
           "precision_only", "probes", "returned", "run_locally", "same_values", "standard",
           "stored", "todo", "worst_gap"]
