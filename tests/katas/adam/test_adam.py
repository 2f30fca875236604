"""Hidden checks for the adam kata.

``adam_step`` is judged on examiner-built states (param, grad, m, v, t); ``minimize`` is
exercised in the learner's worker through the stub's given ``minimize_quadratic(A, b, x0,
steps, ...)``, which hands the learner's ``minimize`` the gradient function ``A @ x - b`` (a
Python function cannot be sent to the worker). Expected values come from the reference imported
here; known-wrong variants below name the classic mistakes.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, call, check, close, data_note, fail,
                            precision_note, returned, same_values, standard, stored, worst_gap)

STEP, QUADRATIC = "adam_step", "minimize_quadratic"
DEFAULTS = dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)
FORMULA = ("m = beta1 * m + (1 - beta1) * grad; v = beta2 * v + (1 - beta2) * grad**2; "
           "m_hat = m / (1 - beta1**t); v_hat = v / (1 - beta2**t); "
           "param - lr * m_hat / (np.sqrt(v_hat) + eps)")


# --- the examiner's Adam and its known-wrong variants --------------------------------------

def adam_variant(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
                 correct="power", t_shift=0, eps_inside=False, folded=False,
                 return_hats=False, sign=1.0):
    """One Adam step, right by default; the options are classic mistakes."""
    t = t + t_shift
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    c1, c2 = {"power": (1 - beta1 ** t, 1 - beta2 ** t), "none": (1.0, 1.0),
              "beta": (1 - beta1, 1 - beta2), "m only": (1 - beta1 ** t, 1.0),
              "v only": (1.0, 1 - beta2 ** t)}[correct]
    m_hat, v_hat = m / c1, v / c2
    with np.errstate(all="ignore"):
        if folded:
            step = lr * np.sqrt(c2) / c1 * m / (np.sqrt(v) + eps)
        elif eps_inside:
            step = lr * m_hat / np.sqrt(v_hat + eps)
        else:
            step = lr * m_hat / (np.sqrt(v_hat) + eps)
    if return_hats:
        m, v = m_hat, v_hat
    return param - sign * step, m, v


STEP_VARIANTS = {
    "there is no bias correction: divide m by (1 - beta1**t) and v by (1 - beta2**t) before "
    "the step": dict(correct="none"),
    "the bias correction uses beta instead of beta**t: it is 1 - beta1**t and 1 - beta2**t, "
    "with t the step number": dict(correct="beta"),
    "the bias correction uses beta**(t + 1), as if t counted from 0: t is the step number, "
    "1 for the first step": dict(t_shift=1),
    "the bias correction uses beta**(t - 1): t is already the step number, 1 for the first "
    "step": dict(t_shift=-1),
    "only m is bias-corrected: v needs v_hat = v / (1 - beta2**t) too": dict(correct="m only"),
    "only v is bias-corrected: m needs m_hat = m / (1 - beta1**t) too": dict(correct="v only"),
    "your eps is inside the square root; it belongs outside: np.sqrt(v_hat) + eps": dict(
        eps_inside=True),
    "the bias corrections are folded into the step size (the paper's 'efficient' form), "
    "which moves eps: this kata adds eps to np.sqrt(v_hat) after the correction":
        dict(folded=True),
    "it returns the bias-corrected m_hat and v_hat as the new m and v: return the raw "
    "moments, the next step corrects them again": dict(return_hats=True),
    "the step goes uphill: param - lr * m_hat / (np.sqrt(v_hat) + eps)": dict(sign=-1.0),
}


def step_mistake(result, args, hyper) -> str:
    """The classic mistake that explains a wrong step, or ''."""
    for meaning, options in STEP_VARIANTS.items():
        variant = adam_variant(*args, **hyper, **options)
        if all(same_array(a, b) for a, b in zip(result, variant)):
            return meaning
    return ""


def same_array(actual, expected, rtol=1e-9) -> bool:
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    return actual.shape == expected.shape and close(actual, expected, rtol=rtol,
                                                    atol_scale=1e-13)


def history_state(rng, shape, t, grad_scale=1.0):
    """m and v as Adam leaves them after t - 1 steps of random gradients (v >= 0)."""
    m, v = np.zeros(shape), np.zeros(shape)
    for _ in range(t - 1):
        grad = grad_scale * rng.normal(size=shape)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
    return m, v


# --- talking to the learner's code ----------------------------------------------------------

def call_step(candidate, param, grad, m, v, t, **hyper):
    shown = "".join(f", {k}={val}" for k, val in hyper.items())
    what = f"adam_step(param, grad, m, v, t={t}{shown})"
    result = candidate.call(STEP, param, grad, m, v, t, **hyper)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(f"{what} should return the tuple (param, m, v), but it returned "
             f"{returned(result)}")
    return tuple(as_array(r, np.shape(param), f"{name} returned by {what}")
                 for r, name in zip(result, ("the new param", "the new m", "the new v"))), what


def run_minimize(candidate, A, b, x0, steps, **hyper) -> list:
    shown = "".join(f", {k}={val}" for k, val in hyper.items())
    what = f"minimize (through minimize_quadratic(A, b, x0, steps={steps}{shown}))"
    iterates = candidate.call(QUADRATIC, A, b, x0, steps, **hyper)
    if isinstance(iterates, np.ndarray) and iterates.ndim == 2:
        iterates = list(iterates)  # an array of the iterates, one per row, is fine too
    if not isinstance(iterates, (list, tuple)):
        fail(f"{what} should return a list of the iterates x0, x1, ..., x_steps, but it "
             f"returned {returned(iterates)}")
    if len(iterates) == steps:
        fail(f"{what} returned {steps} iterates for {steps} steps: the list starts with x0 "
             f"itself (a copy), so it has steps + 1 = {steps + 1} entries")
    if len(iterates) != steps + 1:
        fail(f"{what} returned {len(iterates)} iterates; it should return steps + 1 = "
             f"{steps + 1}: x0, then the point after each step")
    return [as_array(x, np.shape(x0), f"iterate {k} of {what}") for k, x in enumerate(iterates)]


def quadratic(rng, d, condition=10.0, rotate=True):
    """A random symmetric positive definite A with eigenvalues from 1 to ``condition`` (in
    random axes, or the coordinate axes), its minimizer x_star, and a start x0 away from it."""
    A = np.diag(np.geomspace(1.0, condition, d))
    if rotate:
        q, _ = np.linalg.qr(rng.normal(size=(d, d)))
        A = q @ A @ q.T
        A = (A + A.T) / 2
    x_star = rng.normal(size=d)
    return A, A @ x_star, x_star + rng.normal(size=d), x_star


def reference_iterates(A, b, x0, steps, t_of=lambda k: k + 1, carry=True, step=None,
                       **hyper):
    """Adam's iterates on the quadratic; ``t_of`` and ``carry`` give the loop's variants,
    ``step`` the options of a wrong adam_step (see STEP_VARIANTS)."""
    hyper = {**DEFAULTS, **hyper, **(step or {})}
    x, m, v, out = np.array(x0, dtype=float), np.zeros(len(x0)), np.zeros(len(x0)), []
    out.append(x)
    for k in range(steps):
        if not carry:
            m, v = np.zeros(len(x0)), np.zeros(len(x0))
        x, m, v = adam_variant(x, A @ x - b, m, v, t_of(k), **hyper)
        out.append(x)
    return np.array(out)


LOOP_VARIANTS = {
    "minimize passes t = 0 to the first step, so 1 - beta**0 = 0 divides by zero and the "
    "iterates are nan: t counts from 1 (for t in range(1, steps + 1))": dict(t_of=lambda k: k),
    "minimize passes t = 2 to the first step: t counts from 1": dict(t_of=lambda k: k + 2),
    "minimize passes t = 1 to every step: t must grow by one per step":
        dict(t_of=lambda k: 1),
    "m and v start from zero again at every step: create them once, before the loop, and "
    "carry the returned m and v into the next step": dict(carry=False),
}


def loop_mistake(found, A, b, x0, steps, hyper, step_is_right: bool) -> str:
    """The mistake in minimize (or, when it is wrong, in the adam_step it calls) that explains
    its iterates. Some coincide (t = 1 at every step with the right step is beta instead of
    beta**t), so the step's own verdict decides which to name first."""
    step_variants = {f"adam_step is wrong: {meaning}": {"step": options}
                     for meaning, options in STEP_VARIANTS.items()}
    variants = {**LOOP_VARIANTS, **step_variants} if step_is_right else \
        {**step_variants, **LOOP_VARIANTS}
    for meaning, options in variants.items():
        with np.errstate(all="ignore"):
            variant = reference_iterates(A, b, x0, steps, **options, **hyper)
        if same_array(found, variant):
            return meaning
    if len(found) > 2 and all(np.array_equal(found[k], found[-1]) for k in range(len(found))):
        return ("every iterate is the same array: you append x and then change it in place "
                "(x -= ...); append a new array each step (x = x - ..., or x.copy())")
    return ""


def repeated_call_note(candidate, A, b, x0, steps, found, hyper) -> str:
    """' ...' when a second identical call gives other iterates (state kept between calls)."""
    again = np.array(run_minimize(candidate, A, b, x0, steps, **hyper))
    if same_array(again, found):
        return ""
    return (". Also, calling minimize again with the same arguments gave other iterates: "
            "your code keeps state between calls (module-level m, v or t, a mutable default "
            "argument); create m = v = zeros and t = 1 inside minimize")


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """adam_step returns (param, m, v), three arrays shaped like param (vectors, matrices, one
    coordinate); minimize returns a list of steps + 1 arrays shaped like x0."""
    for shape, t in (((5,), 1), ((3, 4), 2), ((1,), 7)):
        m, v = history_state(rng, shape, t)
        call_step(candidate, rng.normal(size=shape), rng.normal(size=shape), m, v, t)
    for d in (1, 4):
        A, b, x0, _ = quadratic(rng, d)
        run_minimize(candidate, A, b, x0, 3, lr=0.1)


# --- correctness ----------------------------------------------------------------------------

def ratio_text(ratio: float) -> str:
    """A ratio of steps with the digits that show how far it is from 1 ('1 - 3.2e-07'), so a
    ratio that differs from 1 never prints as 1."""
    if ratio == 1.0:
        return "exactly 1"
    if abs(ratio - 1.0) < 1e-3:
        return f"1 {'+' if ratio > 1 else '-'} {abs(ratio - 1.0):.2g}"
    return f"{ratio:.4g}"


def first_step_mistake(step, param, grad, lr) -> str:
    """The classic mistake that explains a wrong first step (t = 1 from m = v = 0), or ''.
    The folded form comes first: its first step differs from the right one only by eps, where
    the variants that agree with the right step at t = 1 (beta instead of beta**t) must not be
    named."""
    hyper, zeros = {**DEFAULTS, "lr": lr}, np.zeros_like(grad)
    right = adam_variant(param, grad, zeros, zeros, 1, **hyper)[0] - param
    for meaning, options in sorted(STEP_VARIANTS.items(), key=lambda kv: "folded" not in kv[1]):
        with np.errstate(all="ignore"):
            variant = adam_variant(param, grad, zeros, zeros, 1, **hyper, **options)[0] - param
        if close(variant, right, rtol=1e-8, atol_scale=1e-12):
            continue  # the same first step as Adam's: this variant shows only later
        if close(step, variant, rtol=1e-8, atol_scale=1e-12):
            if "folded" in options:
                moved = hyper["eps"] / np.sqrt(1 - hyper["beta2"])
                meaning += (f". At t = 1 the folded form divides by |grad| + eps / "
                            f"sqrt(1 - beta2) = |grad| + {moved:.3g} instead of |grad| + eps, "
                            f"so the step on a gradient of size 1 is off by about "
                            f"{moved - hyper['eps']:.2g}")
            return meaning
    return ""


@check("correctness")
def test_first_step_is_lr(candidate, rng, seed):
    """Bias correction: from m = v = 0 at t = 1, every coordinate moves by lr against the sign
    of its gradient (up to eps), whatever the gradient's scale (here 1 to 1e6)."""
    d = 8
    grad = np.geomspace(1.0, 1e6, d) * rng.choice([-1.0, 1.0], size=d)
    param, zeros = rng.normal(size=d), np.zeros(d)
    for lr in (1e-3, 0.05):
        (new, _, _), what = call_step(candidate, param, grad, zeros, zeros, 1, lr=lr)
        step = new - param
        expected = -lr * grad / (np.abs(grad) + 1e-8)
        if close(step, expected, rtol=1e-8, atol_scale=1e-12):
            continue
        ratio = step / expected
        shown = (f"{ratio_text(ratio[0])} and {ratio_text(ratio[-1])} times that for the "
                 f"smallest and the largest gradient")
        with np.errstate(invalid="ignore"):
            worst = int(np.nanargmax(np.abs(ratio - 1.0))) if np.any(np.isfinite(ratio)) \
                else 0
        if worst not in (0, d - 1) and not close(ratio[worst], ratio[[0, -1]], rtol=1e-8):
            shown += (f" ({ratio_text(ratio[worst])} for the gradient of size "
                      f"{abs(grad[worst]):.3g})")
        mistake = first_step_mistake(step, param, grad, lr)
        fail(f"{what} from m = v = 0 should move every coordinate by lr = {lr} against its "
             f"gradient's sign, for gradients of size 1 to 1e6 alike; your steps are {shown}"
             f"{': ' + mistake if mistake else ''}. At t = 1, m_hat = grad and v_hat = "
             f"grad**2, so the step is lr * grad / (|grad| + eps) (seed {seed})")


@check("correctness")
def test_step_values(candidate, rng, seed):
    """adam_step returns the reference's new param, m and v, for several t (2, 10, 1000),
    other hyperparameters, a matrix-shaped parameter and tiny gradients (where eps matters)."""
    cases = (((5,), 2, 1.0, {}),
             ((3, 4), 10, 1.0, dict(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6)),
             ((6,), 1000, 1.0, {}),
             ((6,), 3, 1e-6, {}))
    for shape, t, scale, hyper in cases:
        m, v = history_state(rng, shape, t, scale)
        param, grad = rng.normal(size=shape), scale * rng.normal(size=shape)
        result, what = call_step(candidate, param, grad, m, v, t, **hyper)
        expected = adam_variant(param, grad, m, v, t, **{**DEFAULTS, **hyper})
        steps = (result[0] - param, result[1], result[2])
        wanted = (expected[0] - param, expected[1], expected[2])
        wrong = [name for name, a, b in zip(("param", "m", "v"), steps, wanted)
                 if not same_array(a, b, rtol=1e-8)]
        if not wrong:
            continue
        mistake = step_mistake(result, (param, grad, m, v, t), {**DEFAULTS, **hyper})
        part = wrong[0]
        index = ("param", "m", "v").index(part)
        gap = worst_gap(steps[index], wanted[index])
        if mistake:  # a named mistake, not single precision, explains a small gap
            gap = gap.removesuffix(precision_note(steps[index], wanted[index]))
        fail(f"{what} (gradients of size {scale:g}): {mistake or f'the new {part} is wrong'}. "
             f"New {part}{' - param' if part == 'param' else ''}: {gap}. The step: {FORMULA} "
             f"(seed {seed}; param {shape})")


# --- convergence ----------------------------------------------------------------------------

def step_is_right(candidate, rng) -> bool:
    """Whether the learner's adam_step gives the reference's step at t = 3."""
    m, v = history_state(rng, 4, 3)
    param, grad = rng.normal(size=4), rng.normal(size=4)
    result, _ = call_step(candidate, param, grad, m, v, 3)
    return all(same_array(a, b, rtol=1e-8) for a, b in
               zip(result, adam_variant(param, grad, m, v, 3)))


@check("convergence")
def test_trajectory(candidate, rng, seed):
    """minimize returns [x0, x1, ..., x_steps], each x_t = adam_step of the previous one with
    grad_fn(x), t = 1, 2, ..., and m, v carried from step to step."""
    d, steps = 4, 40
    A, b, x0, _ = quadratic(rng, d, condition=20.0)
    hyper = dict(lr=0.05, beta1=0.8, beta2=0.99, eps=1e-7)
    found = np.array(run_minimize(candidate, A, b, x0, steps, **hyper))
    expected = reference_iterates(A, b, x0, steps, **hyper)
    if same_array(found, expected):
        return
    k = int(np.argmax([not same_array(f, e) for f, e in zip(found, expected)]))
    mistake = loop_mistake(found, A, b, x0, steps, hyper, step_is_right(candidate, rng))
    if k == 0 and not mistake:
        mistake = "the first entry must be x0 itself (a copy of it)"
    note = repeated_call_note(candidate, A, b, x0, steps, found, hyper)
    fail(f"the iterates of minimize leave Adam's path at x_{k}: "
         f"{mistake or worst_gap(found[k], expected[k])}{note}. The loop: m = v = zeros; for "
         f"t = 1 .. steps: x, m, v = adam_step(x, grad_fn(x), m, v, t, ...) and append x "
         f"{data_note(seed, A=A, x0=x0)}")


@check("convergence")
def test_converges_ill_conditioned(candidate, rng, seed):
    """On an ill-conditioned quadratic (curvatures 1e-3 to 1), 300 steps of minimize at
    lr=0.05 reach the minimizer (distance below 1e-3 of the start's), where gradient descent
    at the same lr has barely moved along the flat directions."""
    d, steps, lr = 6, 300, 0.05
    A = np.diag(np.logspace(-3, 0, d))
    x_star = rng.normal(size=d)
    b, x0 = A @ x_star, x_star + rng.normal(size=d)
    found = np.array(run_minimize(candidate, A, b, x0, steps, lr=lr))
    start = np.linalg.norm(x0 - x_star)
    left = np.linalg.norm(found[-1] - x_star) / start
    if left < 1e-3:
        return
    x = x0.copy()
    for _ in range(steps):
        x = x - lr * (A @ x - b)
    plain = np.linalg.norm(x - x_star) / start
    problem = ("the iterates became nan or inf" if not np.all(np.isfinite(found[-1])) else
               f"it is still {left:.3g} of the initial distance away")
    fail(f"after {steps} steps at lr={lr}, Adam should be within 1e-3 of the initial distance "
         f"from the minimizer (the reference gets far closer; plain gradient descent at the "
         f"same lr is still {plain:.2f} of the way, being slow along the curvature-1e-3 "
         f"directions), but {problem}. Adam's per-coordinate scaling by np.sqrt(v_hat) is "
         f"what makes the flat directions fast: see step_values and trajectory "
         f"{data_note(seed, A=A, x0=x0)}")


# --- vectorization --------------------------------------------------------------------------

def same_result(actual, expected) -> bool:
    """same_values, where minimize's list of iterates may also come as a 2-D array."""
    if isinstance(actual, np.ndarray) and actual.ndim == 2 and isinstance(expected, list):
        actual = list(actual)
    return same_values(actual, expected)


def work_at(rng, d):
    A, b, x0, _ = quadratic(rng, d, rotate=False)
    m, v = history_state(rng, d, 3)
    return Workload((call(STEP, rng.normal(size=d), rng.normal(size=d), m, v, 3),
                     call(QUADRATIC, A, b, x0, 5, lr=0.1)), label=f"{d} coordinates",
                    same=same_result)


test_no_loop_over_coordinates = standard.no_loop(
    work_at, "coordinates", {"d": (8, 256)},
    "Adam works on every coordinate at once: m, v and the step are whole-array expressions "
    "(beta1 * m + (1 - beta1) * grad, np.sqrt(v_hat) ...); only the loop over steps in "
    "minimize may stay.", allowed="the loop over steps in minimize")


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    A, b, x0, _ = quadratic(rng, 5)
    m, v = history_state(rng, 5, 4)
    return [Workload((call(STEP, rng.normal(size=5), rng.normal(size=5), m, v, 4),)),
            Workload((call(QUADRATIC, A, b, x0, 6, lr=0.1),), same=same_result)]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="Return new arrays: m = beta1 * m + ... makes a new m, while m *= beta1 or m[:] = ... "
        "writes into the caller's; in minimize start from x = np.array(x0, dtype=float).",
    doc="adam_step leaves param, grad, m and v unchanged; minimize leaves x0 (and A, b) "
        "unchanged.")


@check("robustness")
def test_fresh_state_per_call(candidate, rng, seed):
    """Nothing is kept between calls: minimize and adam_step give the same answer when called
    again with the same arguments, also after other calls in between."""
    A, b, x0, _ = quadratic(rng, 3)
    other = quadratic(rng, 3)
    hyper = dict(lr=0.1)
    first = np.array(run_minimize(candidate, A, b, x0, 8, **hyper))
    run_minimize(candidate, *other[:3], 8, **hyper)
    second = np.array(run_minimize(candidate, A, b, x0, 8, **hyper))
    if not same_array(second, first, rtol=1e-12):
        k = int(np.argmax([not same_array(f, s, 1e-12) for f, s in zip(first, second)]))
        fail(f"minimize called again with the same A, b, x0 and steps returned other iterates "
             f"(from x_{k} on): state is kept between calls, such as module-level m, v or t, "
             "or a mutable default argument. Create m = v = np.zeros_like(x) and count t from "
             f"1 inside every call {data_note(seed, A=A, x0=x0)}")
    m, v = history_state(rng, 4, 5)
    param, grad = rng.normal(size=4), rng.normal(size=4)
    once, what = call_step(candidate, param, grad, m, v, 5)
    call_step(candidate, rng.normal(size=4), rng.normal(size=4), m, v, 2)
    twice, _ = call_step(candidate, param, grad, m, v, 5)
    if not all(same_array(a, c, rtol=1e-12) for a, c in zip(once, twice)):
        fail(f"{what} called twice with the same arguments returned different results: "
             "adam_step must depend only on its arguments (no module-level state; the "
             f"caller passes m, v and t in) (seed {seed})")


# --- performance ----------------------------------------------------------------------------

SPEED_SIZE = 100_000


def speed_data(rng):
    m, v = rng.normal(size=SPEED_SIZE), rng.random(SPEED_SIZE)
    return {"param": rng.normal(size=SPEED_SIZE), "grad": rng.normal(size=SPEED_SIZE),
            "m": m, "v": v}


_state = [stored(k) for k in ("param", "grad", "m", "v")]
test_speed_at_scale = standard.speed(
    speed_data, [(Workload((call(STEP, *_state, 3), call(STEP, *_state, 3))),
                  f"adam_step on {SPEED_SIZE:,} coordinates")],
    "A loop over coordinates that never shows up as Python lines (map, np.fromiter, "
    "functools.reduce), or many copies of the arrays? Use whole-array expressions.",
    doc=f"adam_step on {SPEED_SIZE:,} coordinates runs in time and memory comparable to the "
        "reference.")
