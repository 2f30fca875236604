"""Hidden checks for the softmax_cross_entropy kata.

Expected values come from a stable softmax written here and from central finite differences,
computed in the examiner's process; the learner's functions only ever run in the sandboxed
worker behind ``candidate``.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, as_float, call, check, close, data_note,
                            factor_mistake, fail, gradcheck, probes, standard, stored,
                            worst_gap)
from katakit.author.logistic_models import cross_entropy, cross_entropy_grad, log_softmax, \
    softmax

FIX_STABLE = ("m = np.max(z, axis=axis, keepdims=True); log_softmax = (z - m) - "
              "np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))")
FIX_SOFTMAX = ("m = np.max(z, axis=axis, keepdims=True); e = np.exp(z - m); "
               "softmax = e / np.sum(e, axis=axis, keepdims=True)")
FIX_GRADIENT = "(softmax(logits) - onehot(y)) / n, with onehot(y)[i, y[i]] = 1 and n = len(y)"


def make_logits(rng, n, c, scale=2.0):
    """Logits (n, c) and integer labels y (n,) in range(c)."""
    return rng.normal(size=(n, c)) * scale, rng.integers(0, c, size=n)


def shape_text(z) -> str:
    return f"z of shape {tuple(np.shape(z))}"


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n, c):
    logits, y = make_logits(rng, n, c)
    cube = rng.normal(size=(2, c, n))
    vector = rng.normal(size=c)
    workload = Workload((call("softmax", logits), call("log_softmax", logits),
                         call("softmax", vector), call("log_softmax", vector),
                         call("softmax", cube, axis=1), call("log_softmax", cube, axis=0),
                         call("cross_entropy", logits, y), call("cross_entropy_grad", logits, y)))
    return workload, (standard.array((n, c)), standard.array((n, c)), standard.array((c,)),
                      standard.array((c,)), standard.array((2, c, n)),
                      standard.array((2, c, n)), standard.scalar, standard.array((n, c)))


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"n": 1, "c": 1}, {"n": 1, "c": 4}, {"n": 5, "c": 1}, {"n": 6, "c": 3}],
    doc="softmax and log_softmax keep the shape of z (1-D, 2-D and 3-D, any axis), "
        "cross_entropy returns a float and cross_entropy_grad an (n, C) array, one sample and "
        "one class included.")


# --- correctness ----------------------------------------------------------------------------

def probes_of(rng):
    """(z, axis or None for the default) on non-square shapes, so a wrong axis shows."""
    logits = rng.normal(size=(5, 3)) * 2
    return [(logits, None), (rng.normal(size=(3, 6)) * 2, 0),
            (rng.normal(size=(2, 3, 4)) * 2, 1), (rng.normal(size=7) * 2, None),
            (rng.normal(size=(4, 5)) * 2, -1)]


def call_with_axis(candidate, name, z, axis):
    return candidate.call(name, z) if axis is None else candidate.call(name, z, axis=axis)


def label(name, z, axis) -> str:
    return f"{name}(z{'' if axis is None else f', axis={axis}'}) for {shape_text(z)}"


def softmax_mistake(mine, z, axis) -> str:
    """Name what a wrong softmax computed instead, or ''."""
    axis = -1 if axis is None else axis
    with np.errstate(all="ignore"):
        known = {f"it is normalized along axis {other} instead of axis {axis}: sum with "
                 f"axis=axis, keepdims=True": softmax(z, other)
                 for other in range(z.ndim) if other % z.ndim != axis % z.ndim}
        if axis % z.ndim != z.ndim - 1:
            known["it ignores the axis argument and always normalizes the last axis"] = \
                softmax(z, -1)
        known["it is normalized over the whole array (np.sum without axis): each slice "
              "along the axis must sum to 1"] = np.exp(z) / np.sum(np.exp(z))
        known["the exponential is missing: softmax is exp(z) / sum(exp(z))"] = \
            z / np.sum(z, axis=axis, keepdims=True)
        known["it is the log-softmax, not the softmax"] = log_softmax(z, axis)
    return next((m for m, value in known.items()
                 if np.shape(value) == np.shape(mine) and close(mine, value)), "")


@check("correctness")
def test_softmax_values(candidate, rng, seed):
    """softmax(z, axis) is exp(z) / sum(exp(z)) along axis (the last by default), on
    non-square and 3-D arrays; every slice along the axis sums to 1."""
    for z, axis in probes_of(rng):
        what = label("softmax", z, axis)
        mine = as_array(call_with_axis(candidate, "softmax", z, axis), z.shape, what)
        expected = softmax(z, -1 if axis is None else axis)
        if close(mine, expected):
            continue
        meaning = softmax_mistake(mine, z, axis)
        fail(f"{what} is wrong{': ' + meaning if meaning else ''}: "
             f"{worst_gap(mine, expected)} (seed {seed})")


def log_softmax_mistake(mine, z, axis) -> str:
    axis = -1 if axis is None else axis
    with np.errstate(all="ignore"):
        known = {f"it is normalized along axis {other} instead of axis {axis}":
                 log_softmax(z, other) for other in range(z.ndim)
                 if other % z.ndim != axis % z.ndim}
        if axis % z.ndim != z.ndim - 1:
            known["it ignores the axis argument and always uses the last axis"] = \
                log_softmax(z, -1)
        known["it is the softmax itself: take the log (z - logsumexp(z))"] = softmax(z, axis)
        known["it is z minus the max, without subtracting log(sum(exp(z - max)))"] = \
            z - np.max(z, axis=axis, keepdims=True)
        known["it is normalized over the whole array (a sum without axis)"] = \
            z - np.log(np.sum(np.exp(z)))
    return next((m for m, value in known.items()
                 if np.shape(value) == np.shape(mine) and close(mine, value)), "")


@check("correctness")
def test_log_softmax_values(candidate, rng, seed):
    """log_softmax(z, axis) is z - log(sum(exp(z))) along axis (the last by default), on
    non-square and 3-D arrays."""
    for z, axis in probes_of(rng):
        what = label("log_softmax", z, axis)
        mine = as_array(call_with_axis(candidate, "log_softmax", z, axis), z.shape, what)
        expected = log_softmax(z, -1 if axis is None else axis)
        if close(mine, expected):
            continue
        meaning = log_softmax_mistake(mine, z, axis)
        fail(f"{what} is wrong{': ' + meaning if meaning else ''}: "
             f"{worst_gap(mine, expected)} (seed {seed})")


@check("correctness")
def test_shift_invariance(candidate, rng, seed):
    """Adding a constant to every logit of a row (a different one per row, up to +-300)
    changes neither softmax nor log_softmax of that row."""
    z = rng.normal(size=(6, 4)) * 2
    shift = rng.uniform(-300, 300, size=(6, 1))
    for name in ("softmax", "log_softmax"):
        before = as_array(candidate.call(name, z), z.shape, f"{name}(z)")
        after = as_array(candidate.call(name, z + shift), z.shape, f"{name}(z + c)")
        broken = probes.equal_after(after, before, f"{name}(z + c) should equal {name}(z) "
                                                   "for a constant c per row")
        if broken:
            fail(f"{broken}. Softmax only depends on differences between the logits of a row: "
                 f"exp(z + c) / sum(exp(z + c)) = exp(z) / sum(exp(z)) "
                 f"(c from -300 to 300 per row, {data_note(seed, z=z)[1:-1]})")


def loss_mistake(loss, logits, y) -> str:
    """Name what a wrong cross-entropy computed instead, or ''."""
    n = len(y)
    rows = np.arange(n)
    expected = cross_entropy(logits, y)
    with np.errstate(all="ignore"):
        known = {
            n * expected: "the sum over the batch: take the mean over the n samples",
            -expected: "the negative of the loss: cross-entropy is -mean(log_softmax[i, y_i])",
            expected / np.log(2): "in bits (log2): use the natural log",
            float(-np.mean(log_softmax(logits)[:, y])):
                "the mean over an (n, n) block: logits[:, y] takes every row's entries at all "
                "the labels; pick one entry per row with [np.arange(n), y]",
            float(-np.mean(softmax(logits)[rows, y])):
                "minus the mean probability of the true class: take its log",
            float(-np.mean(logits[rows, y])): "minus the mean true-class logit: normalize "
                                              "with log_softmax first",
            float(-np.mean(log_softmax(logits, 0)[rows, y])):
                "normalized over the batch (axis 0) instead of over the classes (axis 1)",
            float(-np.mean(log_softmax(logits))): "averaged over every class, not only the "
                                                  "true class y_i of each row",
        }
    return next((m for value, m in known.items() if close(loss, value)), "")


@check("correctness")
def test_cross_entropy_values(candidate, rng, seed):
    """cross_entropy(logits, y) is the mean over the batch of -log_softmax(logits)[i, y[i]],
    with y integer class labels (logits of shape (n, C), not square)."""
    logits, y = make_logits(rng, 6, 4)
    loss = as_float(candidate.call("cross_entropy", logits, y), "cross_entropy(logits, y)")
    expected = cross_entropy(logits, y)
    if close(loss, expected):
        return
    meaning = loss_mistake(loss, logits, y)
    fail(f"cross_entropy returned {loss:.6g}, expected {expected:.6g}"
         f"{': yours is ' + meaning if meaning else ''} (y = {y}, "
         f"{data_note(seed, logits=logits)[1:-1]})")


@check("correctness")
def test_batch_mean(candidate, rng, seed):
    """The loss is a mean over the batch: the same batch stacked twice gives the same loss."""
    logits, y = make_logits(rng, 5, 3)
    once = as_float(candidate.call("cross_entropy", logits, y), "cross_entropy(logits, y)")
    twice = as_float(candidate.call("cross_entropy", np.vstack([logits, logits]),
                                    np.concatenate([y, y])),
                     "cross_entropy on the batch stacked twice")
    if close(twice, once):
        return
    why = ("it doubled: a sum over the samples, not a mean. Divide by the number of samples: "
           "np.mean(...) over the batch" if close(twice, 2 * once) else
           "each sample's loss must depend on its own row only, and the loss is their mean; "
           "a softmax over the batch (axis 0) instead of over the classes makes the rows "
           "depend on each other")
    fail(f"the same batch stacked twice gives {twice:.6g} instead of {once:.6g}: {why} "
         f"{data_note(seed, logits=logits)}")


def gradient_mistake(kata, grad, logits, y) -> str:
    """Name what a wrong gradient computed instead, or ''."""
    n = len(y)
    named = factor_mistake(kata.mistakes["gradient"],
                           {"the gradient": (grad, cross_entropy_grad(logits, y))}, n=n)
    if named:
        return named
    onehot = np.eye(logits.shape[1])[y]
    every_row = softmax(logits)
    every_row[:, y] -= 1  # what logits[:, y] -= 1 does: every row, every label's column
    known = {
        "the one-hot labels are not subtracted: the gradient is (softmax - onehot) / n":
            softmax(logits) / n,
        "the softmax is taken over the batch (axis 0) instead of over the classes":
            (softmax(logits, 0) - onehot) / n,
        "the 1 is subtracted in every row at every label's column (grad[:, y] -= 1): "
        "subtract it once per row with grad[np.arange(n), y] -= 1": every_row / n,
    }
    return next((m for m, value in known.items() if close(grad, value)), "")


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """cross_entropy_grad(logits, y) is (softmax(logits) - onehot(y)) / n, shape (n, C)."""
    logits, y = make_logits(rng, 6, 4)
    grad = as_array(candidate.call("cross_entropy_grad", logits, y), logits.shape,
                    "cross_entropy_grad(logits, y)")
    expected = cross_entropy_grad(logits, y)
    if close(grad, expected):
        return
    meaning = gradient_mistake(kata, grad, logits, y)
    fail(f"{meaning or 'cross_entropy_grad is not (softmax - onehot) / n'}: "
         f"{worst_gap(grad, expected)} (y = {y}, {data_note(seed, logits=logits)[1:-1]}). "
         f"Fix: {FIX_GRADIENT}.")


@check("correctness")
def test_gradient_matches_finite_differences(candidate, rng, seed, kata):
    """cross_entropy_grad agrees with central finite differences of the mean cross-entropy
    (relative error below 1e-6), on logits of several scales."""
    for n, c, scale in ((5, 7, 3.0), (1, 3, 1.0), (8, 2, 6.0)):
        logits, y = make_logits(rng, n, c, scale)
        grad = as_array(candidate.call("cross_entropy_grad", logits, y), logits.shape,
                        "cross_entropy_grad(logits, y)")
        numeric = gradcheck.numerical_gradient(lambda L: cross_entropy(L, y), logits)
        error = gradcheck.relative_error(grad, numeric)
        if error < gradcheck.TOLERANCE:
            continue
        meaning = gradient_mistake(kata, grad, logits, y)
        fail(f"central finite differences of the mean cross-entropy disagree with your "
             f"gradient: relative error {error:.2g} (at most {gradcheck.TOLERANCE:g} "
             f"expected){'; ' + meaning if meaning else ''} (y = {y}, "
             f"{data_note(seed, logits=logits)[1:-1]}). Fix: {FIX_GRADIENT}.")


# --- robustness: numerical stability --------------------------------------------------------

LARGE = np.array([[1000.0, 200.0, 999.0],      # true class 1: 800 below the maximum
                  [3.0, 0.5, -1.0],            # ordinary logits
                  [-1000.0, -1200.0, -1001.0],  # far below the batch's maximum
                  [1000.0, 1000.0, 1000.0]])
LARGE_Y = np.array([1, 0, 2, 1])


def instability(name, mine) -> str:
    """Why ``name`` returned non-finite values on the large logits, or ''."""
    if np.all(np.isfinite(mine)):
        return ""
    broken = ~np.all(np.isfinite(mine), axis=1)
    if broken[2] and not broken[0]:
        return (f"{name} gives nan in the rows whose logits are all far below the batch's "
                "largest: the max subtracted is the whole array's, so exp underflows to 0 and "
                "0 / 0 = nan. Subtract each row's own max: np.max(z, axis=axis, "
                "keepdims=True)")
    if np.any(np.isnan(mine)):
        fix = FIX_STABLE if name == "log_softmax" else FIX_SOFTMAX
        return (f"{name} gives nan for logits of 1000: np.exp(1000) overflows to inf and "
                f"inf / inf = nan. Subtract the max of each row before exp: {fix}")
    return (f"{name} gives -inf for a logit 800 below its row's maximum: exp(-800) underflows "
            "to 0 in float64 and log(0) = -inf, which is what log(softmax(z)) does. Compute "
            f"the log directly: {FIX_STABLE}")


@check("robustness")
def test_large_logits(candidate, kata):
    """Logits as large as +-1000, and a true-class logit 800 below its row's maximum: softmax,
    log_softmax, cross_entropy and its gradient stay finite and right (the loss is about 800,
    not inf)."""
    z = LARGE
    rows = "; ".join("[" + ", ".join(f"{v:g}" for v in row) + "]" for row in z)
    shown = f"logits rows {rows}, y = {LARGE_Y}"
    for name, right, mistake in (("softmax", softmax, softmax_mistake),
                                 ("log_softmax", log_softmax, log_softmax_mistake)):
        expected = right(z)
        mine = as_array(candidate.call(name, z), z.shape, f"{name}(z) for large logits")
        if not close(mine, expected):
            capped = name == "log_softmax" and np.all(np.isfinite(mine)) and \
                np.any((expected < -100) & (mine > expected + 100))
            named = mistake(mine, z, None)
            why = instability(name, mine) or (
                "log_softmax is far above -800 for a logit 800 below its row's maximum: an "
                f"epsilon inside the log, log(softmax + eps), caps it at log(eps). Use "
                f"{FIX_STABLE}" if capped else
                f"{name} is wrong here too{': ' + named if named else ''}")
            fail(f"{why}: {worst_gap(mine, expected)} ({shown})")
    loss = as_float(candidate.call("cross_entropy", z, LARGE_Y), "cross_entropy(logits, y)")
    expected = cross_entropy(z, LARGE_Y)
    if not close(loss, expected):
        if not np.isfinite(loss):
            why = ("the true class of row 0 has probability exp(-800), which underflows to 0, "
                   "and log(0) = -inf: never take the log of the softmax; use log_softmax "
                   f"computed as {FIX_STABLE}" if loss == np.inf else
                   "nan comes from exp(1000) = inf (inf / inf): subtract each row's max first")
            fail(f"cross_entropy returned {loss} for {shown}, expected {expected:.6g}: {why}")
        meaning = loss_mistake(loss, z, LARGE_Y)
        if meaning:
            why = f"yours is {meaning}"
        elif loss < expected - 100:
            why = ("an epsilon inside the log, log(softmax + eps), caps a sample's loss at "
                   f"-log(eps) instead of about 800: use log_softmax computed as {FIX_STABLE}")
        else:
            why = f"use log_softmax computed as {FIX_STABLE}"
        fail(f"cross_entropy returned {loss:.6g} for {shown}, expected {expected:.6g}: {why}")
    grad = as_array(candidate.call("cross_entropy_grad", z, LARGE_Y), z.shape,
                    "cross_entropy_grad(logits, y)")
    expected = cross_entropy_grad(z, LARGE_Y)
    if not close(grad, expected):
        why = instability("cross_entropy_grad", grad) or (
            "cross_entropy_grad is wrong here too: "
            + (gradient_mistake(kata, grad, z, LARGE_Y) or f"use {FIX_GRADIENT}"))
        fail(f"{why}: {worst_gap(grad, expected)} ({shown})")


def each_function(rng, n, c):
    logits, y = make_logits(rng, n, c)
    return (call("softmax", logits), call("log_softmax", logits),
            call("softmax", logits.T.copy(), axis=0), call("cross_entropy", logits, y),
            call("cross_entropy_grad", logits, y))


test_inputs_untouched = standard.inputs_untouched(
    lambda rng: [Workload((c,)) for c in each_function(rng, 8, 3)],
    fix="compute a new array instead: shifted = z - np.max(z, axis=axis, keepdims=True), "
        "not z -= ...",
    doc="softmax, log_softmax, cross_entropy and cross_entropy_grad leave their input arrays "
        "unchanged.")


# --- vectorization --------------------------------------------------------------------------

LOOP_ADVICE = ("Use whole-array operations: np.max / np.sum with axis=..., keepdims=True, and "
               "fancy indexing logits[np.arange(n), y] to pick one entry per row.")


def work_at(rng, n, c):
    return Workload(each_function(rng, n, c), label=f"logits {(n, c)}")


test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "c": 5},
                                             LOOP_ADVICE)
test_no_loop_over_classes = standard.no_loop(work_at, "classes", {"n": 64, "c": (3, 30)},
                                             LOOP_ADVICE)


# --- performance ----------------------------------------------------------------------------

def big_logits(rng):
    """A million logits; few rows, so that a wrong (n, n) block such as logits[:, y] stays
    small (128 MB) and quick, and the verdict cannot depend on the machine's load."""
    logits, y = make_logits(rng, 4_000, 250)
    return {"logits": logits, "y": y}


test_speed_at_scale = standard.speed(
    big_logits,
    [(Workload((call("cross_entropy", stored("logits"), stored("y")),)),
      "cross_entropy on (4000, 250) logits")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map, [*logits]) or an (n, n) intermediate "
    "such as logits[:, y].",
    doc="cross_entropy on (4000, 250) logits runs in time and memory comparable to the "
        "reference (the gradient is not timed: returning 8 MB would dominate the timing).")
