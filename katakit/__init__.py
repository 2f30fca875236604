"""katakit: practise machine-learning interview katas against a grader you can trust.

Kept import-light on purpose: the sandboxed worker imports ``katakit.candidate.protocol`` and must not
pull in pytest, rich or the grader.
"""


def check(kata, *targets, seed=None, quiz_answers=None, curves=True):
    """Grade a file or notebook-defined classes/functions; see :func:`katakit.api.check`."""
    from katakit.api import check as grade  # imported lazily: pytest loads only when used
    return grade(kata, *targets, seed=seed, quiz_answers=quiz_answers, curves=curves)
