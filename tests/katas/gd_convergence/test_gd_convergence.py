"""Hidden checks for the gd_convergence kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's functions only ever run in the sandboxed worker behind ``candidate``.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerObject, Workload, as_array, as_float, call, check, close,
                            data_note, factor_mistake, fail, precision, precision_note, returned,
                            standard, stored, worst_gap)
from katakit.author.linear_models import hessian, least_squares
from katakit.author.linear_models import largest_stable_lr as stable_lr

GD, STABLE = "gradient_descent", "largest_stable_lr"
REASONS = ("converged", "diverged", "max_epochs")
BLOW_UP = 1e6  # a loss above BLOW_UP * history[0] means "diverged"
STOP_RULE = ("each epoch: record the loss, then stop with 'diverged' if it is not finite or "
             "> 1e6 * history[0], else with 'converged' if abs(previous - loss) <= tol * "
             "previous, else take the step")


def make_data(rng, n, d, noise=0.5, scale=1.0, offset=0.0):
    """Features N(offset, 1); targets linear in them plus noise, times ``scale``."""
    X = rng.normal(size=(n, d)) + offset
    y = scale * (X @ rng.normal(size=d) + rng.normal() + noise * rng.normal(size=n))
    return X, y


def hessian_eigenvalues(X) -> np.ndarray:
    return np.linalg.eigvalsh(hessian(X))


def reference_run(reference, X, y, lr, **kwargs):
    with np.errstate(all="ignore"):
        w, b, history, reason = reference.gradient_descent(X, y, lr, **kwargs)
    return np.asarray(w, float), float(b), np.array(history, float), reason


# --- reading what gradient_descent returned ---------------------------------------------

def as_history(value, what: str) -> np.ndarray:
    if not isinstance(value, (list, tuple, np.ndarray)):
        fail(f"the history returned by {what} should be a list of floats, but it is "
             f"{returned(value)}")
    if any(isinstance(v, (LearnerObject, np.ndarray)) and np.ndim(v) > 0 for v in value):
        fail(f"the history returned by {what} should be a list of float losses, but its items "
             "are arrays: append float(loss), not an array")
    history = np.asarray(as_array(value, (len(value),), f"the history returned by {what}"))
    if history.size == 0:
        fail(f"the history returned by {what} is empty: every epoch, including the first, "
             "records the loss of the current parameters before anything else")
    return history


def unpack(result, d: int, what: str):
    """(w, b, history, reason) from what gradient_descent returned, or a readable failure."""
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        fail(f"{what} should return the 4-tuple (w, b, history, reason), but it returned "
             f"{returned(result)}")
    w, b, history, reason = result
    if not isinstance(reason, str) and any(isinstance(v, str) for v in result):
        fail(f"{what} returned its values in the wrong order: return (w, b, history, reason), "
             "the reason string last")
    if not isinstance(reason, str):
        fail(f"the 4th value returned by {what} should be the reason string ('converged', "
             f"'diverged' or 'max_epochs'), but it is {returned(reason)}; return "
             "(w, b, history, reason) in that order")
    if reason not in REASONS:
        fail(f"{what} returned the reason {reason!r}; it must be exactly one of 'converged', "
             "'diverged', 'max_epochs'")
    w = as_array(w, (d,), f"w returned by {what}")
    b = as_float(b, f"b returned by {what}")
    return w, b, as_history(history, what), reason


def run(candidate, X, y, lr, **kwargs):
    options = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    what = f"gradient_descent(X, y, lr={lr:.4g}{options})"
    return unpack(candidate.call(GD, X, y, lr, **kwargs), X.shape[1], what)


def first_difference(history, expected) -> int:
    size = min(len(history), len(expected))
    differs = ~np.isclose(history[:size], expected[:size], rtol=1e-8,
                          atol=1e-10 * abs(expected[0]), equal_nan=True)
    return int(np.argmax(differs)) if differs.any() else size


def same_history(history, expected) -> bool:
    return len(history) == len(expected) and first_difference(history, expected) == len(history)


def step_gap(actual, expected) -> str:
    """checking.worst_gap without its float32 note, for parameters compared once the float64
    history is known to be right (or against what tol allows): a small gap there comes from
    a step too many or too few, and the note would wrongly blame single precision."""
    return worst_gap(actual, expected).removesuffix(precision_note(actual, expected))


def same_parameters(w, b, expected_w, expected_b) -> bool:
    return close(np.append(w, b), np.append(expected_w, expected_b), rtol=1e-8, atol_scale=1e-10)


# --- shapes ---------------------------------------------------------------------------------

def result_of(d: int, max_epochs: int):
    """Expect (w, b, history, reason) with at most ``max_epochs`` losses."""
    def expect(value, what):
        history = unpack(value, d, what)[2]
        if len(history) > max_epochs:
            fail(f"with max_epochs={max_epochs} the history has {len(history)} entries; a run "
                 "records one loss per epoch, so at most max_epochs (range(max_epochs + 1)? a "
                 f"loss recorded after the loop?) ({what})")
    return expect


def shaped_calls(rng, n, d):
    X, y = make_data(rng, n, d)
    return (Workload((call(STABLE, X), call(GD, X, y, stable_lr(X) / 2, max_epochs=20))),
            (standard.scalar, result_of(d, 20)))


test_return_types = standard.output_shapes(
    shaped_calls, [{"n": 1, "d": 1}, {"n": 5, "d": 1}, {"n": 7, "d": 3}, {"n": 3, "d": 5}],
    doc="gradient_descent returns (w, b, history, reason) with w (d,), b a float, history a "
        "list of floats and a known reason; largest_stable_lr returns a float. Includes one "
        "sample and one feature.")


# --- correctness ----------------------------------------------------------------------------

def stable_lr_mistake(kata, value, X) -> str:
    """Name the classic mistake behind a wrong largest_stable_lr: the right rate times a
    factor (``[mistakes.stable_lr]``), or the rate of another matrix or eigenvalue."""
    n = len(X)
    eigenvalues = hessian_eigenvalues(X)
    top, bottom = eigenvalues[-1], eigenvalues[0]
    meaning = factor_mistake(kata.mistakes["stable_lr"], {"rate": (value, 2 / top)},
                             what="your rate", n=n)
    if meaning:
        return meaning
    other = {
        "the bias column is missing: b is a parameter too, so the Hessian is (2/n) A.T @ A "
        "with A = np.column_stack([X, np.ones(n)]), not (2/n) X.T @ X":
            2 / np.linalg.eigvalsh(2 / n * X.T @ X)[-1],
        "it is lambda_max itself; return 2 / lambda_max": top,
        "it uses the smallest eigenvalue: np.linalg.eigvalsh sorts ascending, so lambda_max is "
        "eigvalsh(H)[-1], not [0]": 2 / bottom,
        "it uses the largest singular value of A unsquared: lambda_max = (2/n) * s_max**2":
            2 / np.sqrt(top * n / 2) / (2 / n),
        "it is the rate of the centred features X - X.mean(axis=0), whose Hessian is not the "
        "one of X: use X as it is": stable_lr(X - X.mean(axis=0)),
    }
    return next((m for m, v in other.items() if close(value, v, rtol=1e-6)), "")


def assert_stable_lr(candidate, kata, X, seed, what):
    value = as_float(candidate.call(STABLE, X), f"largest_stable_lr(X) on {what}")
    expected = stable_lr(X)
    if close(value, expected, rtol=1e-9):
        return
    meaning = stable_lr_mistake(kata, value, X)
    fail(f"largest_stable_lr(X) on {what} returned {value:.8g}, expected {expected:.8g}"
         f"{': ' + meaning if meaning else ''} {data_note(seed, X=X)}. Fix: A = "
         "np.column_stack([X, np.ones(n)]); return 2 / np.linalg.eigvalsh((2 / n) * A.T @ A)[-1]")


@check("correctness")
def test_stable_lr_values(candidate, rng, seed, kata):
    """largest_stable_lr(X) is 2 / lambda_max of the Hessian (2/n) A.T @ A, A = [X, 1]."""
    for n, d in ((50, 3), (7, 1), (200, 5)):
        X, _ = make_data(rng, n, d, offset=0.5)
        assert_stable_lr(candidate, kata, X, seed, f"random features ({n} x {d})")


@check("correctness")
def test_stable_lr_scaled_features(candidate, rng, seed, kata):
    """largest_stable_lr is right on badly scaled features (scales 1, 100, 0.01, a mean of 50)."""
    X = rng.normal(size=(80, 3)) * [1.0, 100.0, 0.01] + [0.0, 50.0, -3.0]
    assert_stable_lr(candidate, kata, X, seed,
                     "features with scales 1, 100, 0.01 and means 0, 50, -3")


@check("correctness")
def test_one_epoch(candidate, rng, seed, kata):
    """With max_epochs=1: history == [mean(y**2)], reason 'max_epochs', and one step from zero
    gives w = lr*(2/n) X.T @ y and b = lr*(2/n) np.sum(y)."""
    n, d, lr = 30, 3, 0.05
    X, y = make_data(rng, n, d)
    note = data_note(seed, X=X, y=y)
    w, b, history, reason = run(candidate, X, y, lr, max_epochs=1)
    first = float(np.mean(y ** 2))
    expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
    if len(history) != 1:
        fail(f"with max_epochs=1 the history has {len(history)} entries instead of 1: one "
             "epoch records one loss. An off-by-one in the epoch loop (range(max_epochs + 1)? "
             f"a loss recorded after the loop?) {note}")
    if not close(history[0], first, rtol=1e-12):
        after = float(np.mean((X @ expected_w + expected_b - y) ** 2))
        meaning = ("the loss after the update: record the loss of the current parameters first, "
                   "then step" if close(history[0], after) else
                   "half of it: the 1/(2n) convention; this spec uses the plain mean"
                   if close(history[0], first / 2) else "")
        fail(f"history[0] is {history[0]:.8g}, but with w = 0 and b = 0 it must be mean(y**2) = "
             f"{first:.8g}{': ' + meaning if meaning else ''} {note}")
    if reason != "max_epochs":
        fail(f"with max_epochs=1 the reason is {reason!r}, expected 'max_epochs': one epoch has "
             "no previous loss to compare with, so the run can only end because it took its "
             f"max_epochs steps {note}")
    if same_parameters(w, b, expected_w, expected_b):
        return
    found, expected = np.append(w, b), np.append(expected_w, expected_b)
    meaning = factor_mistake(kata.mistakes["step"], {"w": (w, expected_w), "b": (b, expected_b)},
                             what="the step", n=n)
    fail(f"after one epoch from zero, [w, b] should be lr * (2/n) * [X.T @ y, np.sum(y)]: "
         f"{meaning or worst_gap(found, expected)} {note}")


# --- convergence ----------------------------------------------------------------------------

def variant_history(X, y, lr, epochs, grad_scale=1.0, loss_after=False, dtype=np.float64):
    """Known-wrong versions of the descent (no stopping rule), to name the one a learner wrote."""
    X, y = X.astype(dtype), y.astype(dtype)
    n = len(y)
    w, b, history = np.zeros(X.shape[1], dtype), dtype(0), []
    step = dtype(lr * grad_scale * 2 / n)
    for _ in range(epochs):
        err = X @ w + b - y
        if not loss_after:
            history.append(float(np.mean(err ** 2)))
        w, b = w - step * (X.T @ err), b - step * np.sum(err)
        if loss_after:
            history.append(float(np.mean((X @ w + b - y) ** 2)))
    return np.array(history)


def closest_variant(history, expected, X, y, lr) -> str:
    """The known mistake that reproduces the first epochs of ``history`` (not ``expected``)."""
    n = len(y)
    variants = {
        "the gradient is not divided by n": dict(grad_scale=n / 2),
        "the gradient is half of (2/n) X.T @ err (the 1/(2n) convention)": dict(grad_scale=0.5),
        "the loss is recorded after the update instead of before": dict(loss_after=True),
        "the step goes uphill (w + lr * dw: a sign error)": dict(grad_scale=-1.0),
        "it computes in float32 instead of float64": dict(dtype=np.float32),
    }
    size = min(len(history), len(expected), 6)
    if size < 2 or np.allclose(history[:size], expected[:size], rtol=1e-6):
        return ""
    for meaning, options in variants.items():
        with np.errstate(all="ignore"):
            variant = variant_history(X, y, lr, size, **options)
        if np.allclose(history[:size], variant, rtol=1e-6):
            return meaning
    return ""


@check("convergence")
def test_trajectory(candidate, reference, rng, seed):
    """With tol=0 and max_epochs=30 the whole history, the reason 'max_epochs' and the final
    w, b follow batch gradient descent exactly."""
    n, d, epochs = 80, 4, 30
    X, y = make_data(rng, n, d, offset=1.0)
    lr = stable_lr(X) / 2
    note = data_note(seed, X=X, y=y)
    w, b, history, reason = run(candidate, X, y, lr, max_epochs=epochs, tol=0.0)
    expected_w, expected_b, expected, _ = reference_run(reference, X, y, lr, max_epochs=epochs,
                                                        tol=0.0)
    if not same_history(history, expected):
        k = first_difference(history, expected)
        meaning = precision.cause(history, expected) or closest_variant(history, expected, X, y,
                                                                         lr)
        where = (f"it first differs at epoch {k}: yours {history[k]:.10g}, expected "
                 f"{expected[k]:.10g}" if k < min(len(history), len(expected)) else
                 f"it has {len(history)} entries, expected {len(expected)} (one loss per "
                 "epoch, max_epochs epochs)")
        fail(f"the loss history is not batch gradient descent's"
             f"{': ' + meaning if meaning else ''}; {where} (lr={lr:.4g}, tol=0, "
             f"max_epochs={epochs}, {note[1:-1]}). Each epoch: err = X @ w + b - y, record "
             "mean(err**2), then w -= lr * (2/n) X.T @ err and b -= lr * (2/n) np.sum(err).")
    if reason != "max_epochs":
        fail(f"with tol=0 the loss never stops changing, so after {epochs} epochs the reason "
             f"should be 'max_epochs', not {reason!r} {note}")
    if not same_parameters(w, b, expected_w, expected_b):
        fail(f"the history is right but the returned [w, b] are not the parameters after "
             f"{epochs} steps: {step_gap(np.append(w, b), np.append(expected_w, expected_b))}"
             f" {note}. Return the w and b you were updating.")


def least_squares_tolerance(X, y, lr, tol) -> float:
    """How far from the optimum the stopping rule may leave [w, b] (3x a rigorous bound).

    Stopping means the last improvement was <= tol * L with L <= history[0] = mean(y**2);
    every eigen-direction of the excess loss shrinks by at least (1 - rho**2) per epoch, so
    excess <= tol * L / (1 - rho**2), and ||theta - theta*||**2 <= 2 * excess / lambda_min.
    """
    eigenvalues = hessian_eigenvalues(X)
    rho = np.max(np.abs(1 - lr * eigenvalues))
    loss = float(np.mean(y ** 2))
    return 3 * np.sqrt(2 * tol * loss / (1 - rho ** 2) / eigenvalues[0])


@check("convergence")
def test_converges_to_least_squares(candidate, rng, seed):
    """At lr = 0.5 * largest_stable_lr the run ends 'converged', with a non-increasing history
    and [w, b] at the least-squares solution (within what tol allows)."""
    n, d = 200, 3
    X, y = make_data(rng, n, d, offset=1.0)
    lr = stable_lr(X) / 2
    note = data_note(seed, X=X, y=y)
    w, b, history, reason = run(candidate, X, y, lr)
    if reason != "converged":
        why = {"max_epochs": "the stopping rule never fired in 10000 epochs: after recording "
                             "the loss, stop when abs(previous - loss) <= tol * previous",
               "diverged": "nothing diverges at half the stable rate: stop with 'diverged' "
                           "only if the loss is not finite or > 1e6 * history[0]"}[reason]
        fail(f"at lr={lr:.4g} (half the largest stable rate) the run ended {reason!r} after "
             f"{len(history)} epochs, expected 'converged': {why} {note}")
    if np.any(np.diff(history) > 1e-12 * history[0]):
        k = int(np.argmax(np.diff(history) > 1e-12 * history[0])) + 1
        fail(f"the loss went up at epoch {k} ({history[k - 1]:.8g} -> {history[k]:.8g}) "
             f"although the learning rate is safe: batch GD on MSE at lr <= 1 / lambda_max "
             f"decreases the loss every epoch {note}")
    optimum = least_squares(X, y)[0]
    found = np.append(w, b)
    allowed = least_squares_tolerance(X, y, lr, 1e-10)
    if np.max(np.abs(found - optimum)) > allowed:
        fail(f"the run says 'converged' after {len(history)} epochs, but [w, b] is not the "
             f"least-squares solution: {step_gap(found, optimum)}; tol=1e-10 allows at most "
             f"{allowed:.2g}. Is the test comparing with tol * previous (relative), with the "
             f"default tol=1e-10? {note}")


def divergence_problem(history, reason) -> str:
    """Why a run at an unsafe rate did not end the way the spec says, or ''."""
    limit = BLOW_UP * history[0]
    over = np.flatnonzero(~np.isfinite(history) | (history > limit))
    if reason == "converged":
        rose = len(history) > 1 and history[-1] > history[-2]
        if not rose:
            return (f"the run ended 'converged' at epoch {len(history) - 1}, which plain GD "
                    "cannot do at this rate: is your step smaller than lr * (2/n) * X.T @ err? "
                    "(see the trajectory check)")
        return (f"the run ended 'converged' at epoch {len(history) - 1} although the loss went "
                f"UP ({history[-2]:.6g} -> {history[-1]:.6g}). A signed test such as previous "
                "- loss < tol * previous also fires when the loss increases; compare the size "
                "of the change, abs(previous - loss) <= tol * previous, after the divergence "
                "test")
    if over.size and over[0] < len(history) - 1:
        return (f"the loss first exceeded 1e6 * history[0] (or stopped being finite) at epoch "
                f"{over[0]}, but the run went on until epoch {len(history) - 1}. Test "
                "`not np.isfinite(loss) or loss > 1e6 * history[0]` right after recording each "
                "loss (against the FIRST loss, not the previous one)")
    if reason == "max_epochs":
        return (f"the run ended 'max_epochs' after {len(history)} epochs without ever "
                "declaring divergence. After recording each loss, stop with 'diverged' if "
                "`not np.isfinite(loss) or loss > 1e6 * history[0]`")
    if not over.size:
        return (f"the run ended 'diverged' at epoch {len(history) - 1}, but the last loss "
                f"{history[-1]:.6g} is only {history[-1] / history[0]:.3g} times history[0]. "
                "The loss that triggered the stop must be the last entry of history: record it, "
                "then test it")
    return ""


def follows_gradient_descent(candidate, reference, X, y) -> bool:
    """Whether 30 epochs at half the stable rate (tol=0) are exactly gradient descent's."""
    lr = stable_lr(X) / 2
    history = run(candidate, X, y, lr, max_epochs=30, tol=0.0)[2]
    return same_history(history, reference_run(reference, X, y, lr, max_epochs=30, tol=0.0)[2])


@check("convergence")
def test_diverges_above_stable_lr(candidate, reference, rng, seed):
    """At lr = 1.1 * largest_stable_lr the run ends 'diverged' (no exception) as soon as the loss
    exceeds 1e6 * history[0], and that loss is the last entry of history: the history is
    gradient descent's, epoch by epoch."""
    n, d = 60, 3
    X, y = make_data(rng, n, d)
    lr = 1.1 * stable_lr(X)
    note = data_note(seed, X=X, y=y)
    w, b, history, reason = run(candidate, X, y, lr)
    problem = divergence_problem(history, reason)
    if problem:
        fail(f"at lr={lr:.4g}, 1.1 times the largest stable rate, the top eigen-direction grows "
             f"by |1 - lr * lambda_max| = 1.2 per epoch, so the run must end 'diverged': "
             f"{problem} {note}")
    expected = reference_run(reference, X, y, lr)[2]
    if same_history(history, expected) or not follows_gradient_descent(candidate, reference,
                                                                        X, y):
        return  # right, or wrong at any rate: the trajectory check names that mistake
    k = first_difference(history, expected)
    shown = (f"yours {history[k]:.6g}, gradient descent's {expected[k]:.6g}"
             if k < min(len(history), len(expected)) else
             f"yours has {len(history)} losses, gradient descent's {len(expected)}")
    fail(f"at lr={lr:.4g} the run ended 'diverged' with a history that is not gradient "
         f"descent's from epoch {k} ({shown}), although at a safe rate your steps are exactly "
         "right: record each epoch's real loss, and stop with 'diverged' only when that loss is "
         "not finite or > 1e6 * history[0]; do not stop earlier, and do not append or write "
         f"nan or inf to mark the divergence {note}")


@check("convergence")
def test_nan_is_divergence(candidate, reference, rng, seed):
    """A loss that becomes NaN (here at epoch 1, lr = 1e308 overflows w to +-inf) ends the run
    with 'diverged', the NaN being the last entry of history."""
    X = rng.normal(size=(40, 2))
    y = 100 * (X @ np.array([3.0, -3.0]) + 0.5 * rng.normal(size=40))
    lr = 1e308
    expected = reference_run(reference, X, y, lr)[2]
    w, b, history, reason = run(candidate, X, y, lr)
    if reason == "diverged" and len(history) == len(expected) and not np.isfinite(history[-1]):
        return
    start = (f"with lr=1e308 the first step overflows w to +-inf and the loss at epoch "
             f"{len(expected) - 1} is {expected[-1]}; the run must stop right there with "
             f"'diverged', that loss being the last entry of history")
    bad = np.flatnonzero(np.isnan(history))
    if reason == "diverged" and len(history) == len(expected) - 1:
        fail(f"{start}. Your history ends one epoch earlier, at {history[-1]:.6g}: the loss that "
             "triggered the stop is missing. Record the loss first, then test it "
             f"{data_note(seed, X=X, y=y)}")
    seen = (f"Your history has its first NaN at epoch {bad[0]} and the run ended {reason!r} "
            f"with {len(history)} losses" if bad.size else
            f"Your run ended {reason!r} with {len(history)} losses, the last {history[-1]:.6g}")
    fail(f"{start}. {seen}. NaN compares False with everything (nan > 1e6 * first is False), "
         f"so test `not np.isfinite(loss)` explicitly {data_note(seed, X=X, y=y)}")


@check("convergence")
def test_max_epochs_reached(candidate, reference, rng, seed):
    """A slow run with a small max_epochs ends 'max_epochs' with exactly max_epochs losses and
    the parameters after max_epochs steps."""
    n, d = 50, 3
    X, y = make_data(rng, n, d)
    lr = 0.02 * stable_lr(X)
    note = data_note(seed, X=X, y=y)
    for epochs in (5, 12):
        w, b, history, reason = run(candidate, X, y, lr, max_epochs=epochs)
        expected_w, expected_b, expected, _ = reference_run(reference, X, y, lr,
                                                            max_epochs=epochs)
        if reason != "max_epochs" or len(history) != epochs:
            hint = {epochs + 1: ": one epoch too many (range(max_epochs + 1), or a loss "
                                "recorded after the loop?)",
                    epochs - 1: ": one epoch short (range(1, max_epochs)?)"}.get(len(history), "")
            fail(f"with max_epochs={epochs} (lr={lr:.3g}, far from converged) the run should "
                 f"end 'max_epochs' with {epochs} losses; yours ended {reason!r} with "
                 f"{len(history)}{hint} {note}")
        if not same_history(history, expected):
            k = first_difference(history, expected)
            fail(f"with max_epochs={epochs} the losses differ from gradient descent's from "
                 f"epoch {k} (yours {history[k]:.10g}, expected {expected[k]:.10g}); see the "
                 f"trajectory check {note}")
        if not same_parameters(w, b, expected_w, expected_b):
            one_short = reference_run(reference, X, y, lr, max_epochs=epochs - 1)
            meaning = (": they are the parameters after max_epochs - 1 steps; the last epoch "
                       "must take its step too (record, test, step)"
                       if same_parameters(w, b, *one_short[:2]) else "")
            fail(f"after max_epochs={epochs}, [w, b] should be the parameters after {epochs} "
                 f"steps{meaning}: {step_gap(np.append(w, b), np.append(expected_w, expected_b))}"
                 f" {note}")


def stopping_problem(history, w, b, reason, expected_run, X, y, lr, tol) -> str:
    """Why a run stopped at another epoch than the reference, or ''."""
    expected_w, expected_b, expected, expected_reason = expected_run
    k, stop = first_difference(history, expected), len(expected) - 1
    if k == len(history) - 1 < len(expected) and not np.isfinite(history[k]) and \
            np.isfinite(expected[k]):
        return (f"your history ends at epoch {k} with {history[k]}, where gradient descent's "
                f"loss is {expected[k]:.6g} ({expected[k] / expected[0]:.3g} times history[0]): "
                "the run stopped before the rule fired and marked it with a non-finite value. "
                "The last entry must be the real loss that triggered the stop")
    if k < min(len(history), len(expected)):
        return (f"the losses themselves differ from epoch {k} (yours {history[k]:.10g}, "
                f"expected {expected[k]:.10g}); fix the trajectory first")
    if len(history) == len(expected) + 1:
        return (f"you stopped one epoch late, at epoch {stop + 1}: the test fires on the loss "
                f"of epoch {stop}, which is recorded in the same epoch; test right after "
                "recording, not at the start of the next epoch or after the next loss")
    if len(history) == len(expected) - 1:
        return (f"your history ends at epoch {stop - 1}: the loss that triggered the stop "
                f"(epoch {stop}) is missing. Record the loss first, then test it")
    if len(history) == len(expected) and reason == expected_reason:
        if not same_parameters(w, b, expected_w, expected_b):
            gap = step_gap(np.append(w, b), np.append(expected_w, expected_b))
            return ("the history is right, but the returned [w, b] moved one step past the "
                    f"loss history[-1]: {gap}. "
                    "Test before stepping, and return the parameters whose loss is history[-1]")
        return ""
    if expected_reason == "diverged":
        problem = divergence_problem(history, reason)
        if problem:
            return problem
    if expected_reason == "converged" and len(history) > len(expected):
        end = len(history) - 1
        absolute = end > 0 and abs(history[end - 1] - history[end]) <= tol
        return (f"the relative test abs(previous - loss) <= tol * previous already holds at "
                f"epoch {stop} but you went on to epoch {end}"
                + (" where the absolute change fell below tol: the spec's test is relative "
                   "(tol * previous), so it does not depend on the units of y" if absolute
                   else ""))
    return f"yours stops at epoch {len(history) - 1} with {reason!r}"


@check("convergence")
def test_stopping_epoch(candidate, reference, rng, seed):
    """The run stops at exactly the reference's epoch, with its reason, history and final w, b,
    for a converging run (y in large units) and a diverging one."""
    n, d, tol = 100, 3, 1e-10
    X, y = make_data(rng, n, d, scale=50.0, offset=1.0)
    for factor, label in ((0.5, "converging"), (1.1, "diverging")):
        lr = factor * stable_lr(X)
        w, b, history, reason = run(candidate, X, y, lr)
        expected_run = reference_run(reference, X, y, lr)
        problem = stopping_problem(history, w, b, reason, expected_run, X, y, lr, tol)
        if problem:
            fail(f"{label} run at lr={lr:.4g} ({factor} x the largest stable rate), the "
                 f"reference stops at epoch {len(expected_run[2]) - 1} with "
                 f"{expected_run[3]!r}: {problem} {data_note(seed, X=X, y=y)}. The rule: "
                 f"{STOP_RULE}.")


# --- vectorization, robustness, performance --------------------------------------------------
#
# The measured runs are far from converged (lr a small fraction of the stable rate), so that the
# stopping rule cannot fire in them whatever the valid style: with a rate close to the stable
# one, well-conditioned data converge to machine precision within a few epochs, and whether
# the loss repeats exactly (tol=0) is then decided by float rounding.

def work_at(rng, n, d) -> Workload:
    X, y = make_data(rng, n, d)
    return Workload((call(STABLE, X), call(GD, X, y, 0.05 * stable_lr(X), max_epochs=5)),
                    label=f"X {(n, d)}")


LOOP_ADVICE = ("Measured on largest_stable_lr, then gradient_descent with max_epochs=5. Replace "
               "the loop (or a builtin such as sum() or map() walking the rows) with "
               "whole-array operations (np.column_stack, A.T @ A, X @ w, X.T @ err, np.mean).")
EPOCHS = "the epoch loop"
test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 4},
                                             LOOP_ADVICE, allowed=EPOCHS)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE, allowed=EPOCHS)


def untouched_probes(rng):
    X, y = make_data(rng, 30, 3, offset=1.0)
    return [Workload((call(STABLE, X),)),
            Workload((call(GD, X, y, stable_lr(X) / 2, max_epochs=20),))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes, fix="Work on a copy instead: X = X - ... or np.column_stack([X, ...]) "
                          "make new arrays.",
    doc="largest_stable_lr and gradient_descent leave X and y unchanged.")

SPEED_LR = 0.02  # the stable rate of N(0, 1) features at this size is about 1: far from it
DATA = (stored("X"), stored("y"))
test_speed_at_scale = standard.speed(
    lambda rng: dict(zip("Xy", make_data(rng, 100_000, 20))),
    [(Workload((call(STABLE, stored("X")),)), "largest_stable_lr on X (100000, 20)"),
     (Workload((call(GD, *DATA, SPEED_LR, max_epochs=1),
                call(GD, *DATA, SPEED_LR, max_epochs=10))),
      "10 epochs of gradient_descent on X (100000, 20)")],
    "A loop over samples that never shows up as Python lines (map, functools.reduce, [*X]?), "
    "an (n, n) matrix such as A @ A.T instead of A.T @ A, or large copies of X inside the "
    "epoch loop? Use whole-array operations.",
    doc="largest_stable_lr and 10 epochs of gradient_descent on 100,000 x 20 data run in time "
        "and memory comparable to the reference.")
