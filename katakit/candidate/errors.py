"""Problems the learner's process can cause, as the examiner sees them; the pytest plugin maps
each to a Status."""

from __future__ import annotations

from katakit.text import clean


class CandidateProblem(Exception):
    """Something went wrong inside the learner's process; ``message`` says what, plainly."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LearnerRaised(CandidateProblem):
    """The learner's code raised an exception (status ``error``)."""

    def __init__(self, action: str, error: dict):
        self.action = action
        self.type = clean(error.get("type", "Exception"), 100)
        self.text = clean(error.get("message", ""), 1000)
        frames = error.get("frames") if isinstance(error.get("frames"), list) else []
        self.frames = [{"line": f.get("line") if isinstance(f.get("line"), int) else 0,
                        "func": clean(f.get("func", "?"), 100),
                        "code": clean(f.get("code", ""), 200)}
                       for f in frames[-20:] if isinstance(f, dict)]
        self.line = error.get("line") if isinstance(error.get("line"), int) else None
        self.code = clean(error.get("code") or "", 200)
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.frames:
            last = self.frames[-1]
            where = f" at line {last['line']} in {last['func']}: {last['code']}"
        return f"{action_text(self.action)} raised {self.type}: {self.text}{where}"


class NotAttempted(LearnerRaised):
    """The learner has not written this part yet: it raises NotImplementedError (``todo``)."""

    def _render(self) -> str:
        return f"not attempted yet: {action_text(self.action)} raises NotImplementedError"


class CandidateTimeout(CandidateProblem):
    """The learner's code did not answer before the deadline; its process was killed."""

    def __init__(self, action: str, seconds: float):
        self.seconds = seconds
        cause = ("an endless loop, or far too much work at import time?" if action ==
                 "loading your file" else "an endless loop, or far too much work for this data?")
        super().__init__(f"{action_text(action)} did not return within {seconds:.3g} s and "
                         f"was stopped ({cause})")


    @classmethod
    def after(cls, what: str, seconds: float, detail: str) -> "CandidateTimeout":
        """A timeout of a whole measured workload, with what the examiner knows about it."""
        timeout = cls.__new__(cls)
        timeout.seconds = seconds
        CandidateProblem.__init__(timeout, f"{action_text(what)} did not finish within "
                                           f"{seconds:.3g} s and was stopped; {detail}")
        return timeout


class GradingBudgetSpent(CandidateTimeout):
    """Earlier timeouts used up the time a grading run may spend restarting the learner's code."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        CandidateProblem.__init__(self, f"not run: earlier checks of your code timed out, and "
                                  f"after {seconds:.0f} s no fresh process is started; fix the "
                                  "hang reported above, then grade again")


class CandidateCrashed(CandidateProblem):
    """The learner's process ended: os._exit, a segfault, a resource limit (status ``error``)."""


class LoadFailed(Exception):
    """The learner's file could not be loaded; every check that needs it is skipped."""


def action_text(action: str) -> str:
    """Code-like actions ('fit(...)') in backticks, descriptions ('loading your file') plain."""
    if not action:
        return "your code"
    return f"`{action}`" if "(" in action or action.isidentifier() else action
