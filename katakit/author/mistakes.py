"""Name the classic mistake behind a wrong value: the right value times a known factor.

A kata lists its recognised mistakes once, in ``kata.toml``::

    [mistakes.gradient]
    "n" = "not divided by n (a sum instead of a mean)"
    "0.5" = "half the gradient: the factor 2 is missing (the 1/(2n) convention)"
    "-1" = "of the wrong sign: the error is y_hat - y, not y - y_hat"

and a check asks which one explains what the learner returned::

    meaning = factor_mistake(kata.mistakes["gradient"], {"dw": (dw, expected_dw),
                                                         "db": (db, expected_db)}, n=n)
    # "the gradient is not divided by n (a sum instead of a mean)", or
    # "dw is not divided by n (a sum instead of a mean) (db is fine)", or ""
"""

from __future__ import annotations

from katakit.author.values import close
from katakit.catalog.manifest import Mistake, evaluate


def factor_mistake(table: tuple[Mistake, ...], parts: dict, what: str = "the gradient",
                   **sizes) -> str:
    """The meaning of the first mistake whose factor turns every expected part into the
    learner's (``what`` is ...), else the first that explains one part alone (the others
    being right), else which part is right; '' when nothing matches. ``parts`` maps a name to
    (learner's value, right value); ``sizes`` gives the factors' variables (n, d ...)."""
    factors = [(evaluate(m.factor, sizes), m.meaning) for m in table]
    for factor, meaning in factors:
        if all(close(mine, factor * right) for mine, right in parts.values()):
            return f"{what} is {meaning}"
    for name, (mine, right) in parts.items():
        others = [other for other in parts if other != name]
        if not all(close(*parts[other]) for other in others):
            continue
        for factor, meaning in factors:
            if close(mine, factor * right):
                fine = " and ".join(others)
                return f"{name} is {meaning}" + (f" ({fine} is fine)" if fine else "")
    right = [name for name, (mine, expected) in parts.items() if close(mine, expected)]
    wrong = [name for name in parts if name not in right]
    if right and wrong:
        return f"{' and '.join(right)} {'is' if len(right) == 1 else 'are'} right but " \
               f"{' and '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not"
    return ""
