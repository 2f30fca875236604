"""Hidden checks for the batchnorm kata.

Every value check starts from parameters the examiner sets on the learner's object
(``bn.gamma = ...``), so outputs and gradients are exact whatever the constructor did; the
constructor itself is judged by its own check. Expected values come from the reference imported
here and from central finite differences of ``sum(dout * forward(x))``; the learner's class
only runs in the sandboxed worker.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, call, check, close, data_note, factor_mistake,
                            fail, gradcheck, standard, stored, worst_gap)
from katakit.author.layers import as_arrays, layer_gradients, matching_variant, no_loop_each
from katakit.author.networks import same_results, set_parameters

CLASS = "BatchNorm1d"
EPS = 1e-5
FIX_FORWARD = ("mu = x.mean(axis=0); var = x.var(axis=0); x_hat = (x - mu) / np.sqrt(var + "
               "eps); out = gamma * x_hat + beta")
# The dx formula itself is the interview question: the statement promises it only in the
# hints (at a cost in a mock), so no message gives it whole; messages name the mistake.
FIX_BACKWARD = ("dbeta = dout.sum(axis=0); dgamma = (dout * x_hat).sum(axis=0); dx starts from "
                "dx_hat = dout * gamma and follows the chain rule through x_hat, var and mu "
                "(deriving it is the exercise; the last hints give it)")


# --- data and the examiner's own computations ------------------------------------------------

def make_batch(rng, n, d, tiny=1e-3):
    """Features of very different means and scales; with ``tiny``, feature 1 has that standard
    deviation: 1e-3 (variance 1e-6, far below eps) makes where eps goes change the output a
    lot; 1e-2 (variance 1e-4) still changes it by 10% while finite differences, with a step of
    1e-6, stay accurate to about 1e-8."""
    scales = rng.uniform(0.5, 4.0, size=d)
    if tiny and d > 1:
        scales[1] = tiny
    return rng.normal(0.0, 3.0, size=d) + scales * rng.normal(size=(n, d))


def make_affine(rng, d):
    """gamma of both signs away from 1, beta away from 0: a forgotten scale or shift shows."""
    gamma = rng.uniform(0.5, 2.0, size=d) * rng.choice([-1.0, 1.0], size=d)
    return gamma, rng.normal(0.0, 1.0, size=d)


def bn_forward(x, gamma, beta, eps=EPS):
    """The training-mode forward, as a pure function of its inputs (for finite differences)."""
    mu, var = x.mean(axis=0), x.var(axis=0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def reference_bn(reference, gamma, beta, **kwargs):
    bn = reference.BatchNorm1d(len(gamma), **kwargs)
    bn.gamma, bn.beta = np.array(gamma, dtype=float), np.array(beta, dtype=float)
    return bn


def new_bn(candidate, gamma, beta, **state):
    """The learner's BatchNorm1d of gamma's size, with the examiner's gamma, beta and any
    other attribute of ``state`` (running_mean, running_var) set."""
    bn = candidate.new(CLASS, len(gamma))
    for name, value in {"gamma": gamma, "beta": beta, **state}.items():
        bn.set(name, np.array(value, dtype=float))
    return bn


def forward_of(bn, x, n, d, training=True):
    label = f"forward(x, training={training}) with x {x.shape}"
    return as_array(bn.call("forward", x, training=training), (n, d), label)


def backward_of(bn, dout):
    n, d = dout.shape
    return as_arrays(bn.call("backward", dout), {"dx": (n, d), "dgamma": (d,), "dbeta": (d,)},
                     "backward(dout)", n=n)


def forward_variants(x, gamma, beta, eps=EPS):
    """Known-wrong training-mode forwards, to name the one a learner wrote."""
    mu, var = x.mean(axis=0), x.var(axis=0)
    unbiased = x.var(axis=0, ddof=1)
    row_mu, row_var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)
    x_hat = (x - mu) / np.sqrt(var + eps)
    return {
        "it normalizes each sample over its features (axis=1), which is layer norm; batch "
        "norm normalizes each feature over the batch, x.mean(axis=0) and x.var(axis=0)":
            lambda: gamma * (x - row_mu) / np.sqrt(row_var + eps) + beta,
        "eps is outside the square root: (x - mu) / (np.sqrt(var) + eps) instead of "
        "(x - mu) / np.sqrt(var + eps)": lambda: gamma * (x - mu) / (np.sqrt(var) + eps) + beta,
        "eps is missing: (x - mu) / np.sqrt(var) instead of (x - mu) / np.sqrt(var + eps)":
            lambda: gamma * (x - mu) / np.sqrt(var) + beta,
        "it normalizes with the unbiased variance (ddof=1); the batch is normalized with the "
        "biased one, x.var(axis=0), and only running_var stores the unbiased one":
            lambda: gamma * (x - mu) / np.sqrt(unbiased + eps) + beta,
        "it normalizes with the running statistics in training mode; training mode uses the "
        "batch's own mean and variance (the running ones are for evaluation)":
            lambda: gamma * x / np.sqrt(1.0 + eps) + beta,
        "it normalizes with the running statistics after updating them; training mode uses "
        "the batch's own mean and variance":
            lambda: gamma * (x - 0.1 * mu) / np.sqrt(0.9 + 0.1 * unbiased + eps) + beta,
        "it divides by the variance instead of the standard deviation: x_hat = (x - mu) / "
        "np.sqrt(var + eps)": lambda: gamma * (x - mu) / (var + eps) + beta,
        "gamma and beta are not applied: return gamma * x_hat + beta": lambda: x_hat,
        "gamma and beta are swapped: the output is gamma * x_hat + beta":
            lambda: beta * x_hat + gamma,
    }


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """forward returns (N, D) in both modes, backward the tuple (dx, dgamma, dbeta) of shapes
    (N, D), (D,), (D,), layer_norm the shape of x (2-D and 3-D); also for one feature, two
    samples and a one-sample evaluation."""
    for n, d in ((2, 1), (5, 3), (7, 4), (2, 6)):
        x = make_batch(rng, n, d)
        gamma, beta = make_affine(rng, d)
        note = f"(seed {seed}; N={n}, D={d})"
        bn = new_bn(candidate, gamma, beta)
        as_array(bn.call("forward", x), (n, d), f"forward(x) {note}")
        as_arrays(bn.call("backward", rng.normal(size=(n, d))),
                  {"dx": (n, d), "dgamma": (d,), "dbeta": (d,)}, f"backward(dout) {note}", n=n)
        as_array(bn.call("forward", x[:1], training=False), (1, d),
                 f"forward(x, training=False) on one sample {note}")
        as_array(candidate.call("layer_norm", x, gamma, beta), (n, d),
                 f"layer_norm(x, gamma, beta) with x {(n, d)} {note}")
        x3 = rng.normal(size=(3, n, d))
        as_array(candidate.call("layer_norm", x3, gamma, beta), (3, n, d),
                 f"layer_norm(x, gamma, beta) with x {(3, n, d)} {note}")


# --- correctness ----------------------------------------------------------------------------

test_init_state = standard.initial_state(
    CLASS, [(1,), (4,), ((3,), {"eps": 1e-3, "momentum": 0.2})],
    lambda d: {"gamma": np.ones(d), "beta": np.zeros(d), "running_mean": np.zeros(d),
               "running_var": np.ones(d)},
    "The spec starts gamma = np.ones(D), beta = np.zeros(D), running_mean = np.zeros(D) and "
    "running_var = np.ones(D): the layer starts as a plain normalization, and evaluation "
    "before any training forward is the identity up to eps.",
    doc="A new BatchNorm1d(D) has gamma = ones, beta = zeros, running_mean = zeros and "
        "running_var = ones, all of shape (D,).")


@check("correctness")
def test_train_forward_values(candidate, rng, seed):
    """In training mode, forward returns gamma * (x - mu) / sqrt(var + eps) + beta with the
    batch's mean and biased variance per feature (grader-set gamma and beta; one feature's
    variance is far below eps)."""
    n, d = 12, 5
    x = make_batch(rng, n, d)
    gamma, beta = make_affine(rng, d)
    out = forward_of(new_bn(candidate, gamma, beta), x, n, d)
    expected = bn_forward(x, gamma, beta)
    if close(out, expected):
        return
    meaning = matching_variant(out, forward_variants(x, gamma, beta))
    fail(f"forward(x) in training mode is wrong{': ' + meaning if meaning else ''}. "
         f"{worst_gap(out, expected)} (feature 1 has variance 1e-6, below eps = 1e-5) "
         f"{data_note(seed, x=x)}. Training mode: {FIX_FORWARD}.")


@check("correctness")
def test_normalized_statistics(candidate, rng, seed):
    """With gamma = 1 and beta = 0, each feature's training output has mean 0 and variance
    var / (var + eps), about 1, over the batch (N != D)."""
    n, d = 40, 6
    x = make_batch(rng, n, d, tiny=None)
    out = forward_of(new_bn(candidate, np.ones(d), np.zeros(d)), x, n, d)
    var = x.var(axis=0)
    means, variances = out.mean(axis=0), out.var(axis=0)
    if close(means, 0.0, atol_scale=1e-10) and close(variances, var / (var + EPS), rtol=1e-8):
        return
    note = data_note(seed, x=x)
    if close(out.mean(axis=1), 0.0, atol_scale=1e-10):
        fail(f"each ROW of your output has mean 0 (each sample normalized over its features, "
             f"axis=1): batch norm normalizes each COLUMN, each feature over the {n} samples "
             f"of the batch; use x.mean(axis=0) and x.var(axis=0). Per-feature means: "
             f"{np.round(means, 3)} {note}")
    if not close(means, 0.0, atol_scale=1e-10):
        fail(f"with gamma = 1 and beta = 0, the output's mean per feature should be 0, but it "
             f"is {np.round(means, 4)}: subtract the batch mean x.mean(axis=0) in training "
             f"mode (not the running mean) {note}")
    unbiased = x.var(axis=0, ddof=1)
    meaning = matching_variant(variances, {
        "eps is outside the square root: divide by np.sqrt(var + eps), not np.sqrt(var) + eps":
            lambda: var / (np.sqrt(var) + EPS) ** 2,
        "eps is missing: divide by np.sqrt(var + eps)": lambda: np.ones(d),
        "it divides by the unbiased variance (ddof=1); normalize with the biased one, "
        "x.var(axis=0)": lambda: var / (unbiased + EPS)}, rtol=1e-10)
    def shown(values):
        return ", ".join(f"{v:.10f}" for v in values[:3])
    fail(f"with gamma = 1 and beta = 0, each feature's output variance should be var / (var + "
         f"eps), about 1: the first three are {shown(var / (var + EPS))}, yours are "
         f"{shown(variances)}{': ' + meaning if meaning else ''}. Divide by "
         f"np.sqrt(x.var(axis=0) + eps), the biased variance with eps inside the square root "
         f"{note}")


@check("correctness")
def test_shift_invariance(candidate, rng, seed):
    """Adding a constant to a feature of every sample changes no training-mode output of
    forward; adding a constant to every feature of one vector changes no output of
    layer_norm."""
    n, d = 10, 4
    x = make_batch(rng, n, d, tiny=None)
    gamma, beta = make_affine(rng, d)
    shift = rng.uniform(-50.0, 50.0, size=d)
    note = data_note(seed, x=x)
    before = forward_of(new_bn(candidate, gamma, beta), x, n, d)
    after = forward_of(new_bn(candidate, gamma, beta), x + shift, n, d)
    if not close(after, before, rtol=1e-7, atol_scale=1e-9):
        fail(f"forward(x + c), c a constant per feature ({np.round(shift, 1)}), differs from "
             f"forward(x) on a new layer: {worst_gap(after, before)}. Subtracting the batch "
             "mean removes any such shift, so the output must not move: normalize with the "
             "batch's own x.mean(axis=0) in training mode, not the running mean, and each "
             f"feature over the samples (axis=0) {note}")
    x3 = rng.normal(size=(3, 5, d)) * rng.uniform(0.5, 3.0, size=d)
    row_shift = rng.uniform(-50.0, 50.0, size=(3, 5, 1))
    plain = as_array(candidate.call("layer_norm", x3, gamma, beta), x3.shape, "layer_norm")
    moved = as_array(candidate.call("layer_norm", x3 + row_shift, gamma, beta), x3.shape,
                     "layer_norm")
    if not close(moved, plain, rtol=1e-7, atol_scale=1e-9):
        fail(f"layer_norm(x + c), c a constant per vector (the same for the {d} features of a "
             f"token), differs from layer_norm(x): {worst_gap(moved, plain)}. Layer norm "
             "subtracts each vector's mean over the LAST axis, which removes such a shift: use "
             f"x.mean(axis=-1, keepdims=True) (seed {seed}; x {x3.shape})")


def eval_variants(x, gamma, beta, mean, var, eps=EPS):
    batch_mu, batch_var = x.mean(axis=0), x.var(axis=0)
    return {
        "it uses the batch's mean and variance; evaluation mode normalizes with "
        "running_mean and running_var": lambda: gamma * (x - batch_mu) / np.sqrt(
            batch_var + eps) + beta,
        "eps is outside the square root: use np.sqrt(running_var + eps)":
            lambda: gamma * (x - mean) / (np.sqrt(var) + eps) + beta,
        "eps is missing: use np.sqrt(running_var + eps)":
            lambda: gamma * (x - mean) / np.sqrt(var) + beta,
        "it divides by running_var + eps itself, a variance, not its square root":
            lambda: gamma * (x - mean) / (var + eps) + beta,
        "gamma and beta are not applied": lambda: (x - mean) / np.sqrt(var + eps),
        "it returns x unchanged": lambda: x,
    }


@check("correctness")
def test_eval_uses_running_statistics(candidate, rng, seed):
    """forward(x, training=False) returns gamma * (x - running_mean) / sqrt(running_var + eps)
    + beta with grader-set running statistics, for a batch and for one sample, and changes
    neither running statistic."""
    n, d = 9, 4
    x = make_batch(rng, n, d, tiny=None)
    gamma, beta = make_affine(rng, d)
    mean, var = rng.normal(0.0, 2.0, size=d), rng.uniform(0.5, 3.0, size=d)
    var[2] = 1e-6  # below eps: where eps goes matters
    note = data_note(seed, x=x)
    bn = new_bn(candidate, gamma, beta, running_mean=mean, running_var=var)
    for rows in (slice(None), slice(3, 4)):
        batch = x[rows]
        out = forward_of(bn, batch, len(batch), d, training=False)
        expected = gamma * (batch - mean) / np.sqrt(var + EPS) + beta
        if not close(out, expected):
            meaning = matching_variant(out, eval_variants(batch, gamma, beta, mean, var))
            if len(batch) == 1 and np.allclose(out, beta):
                meaning = ("on one sample you return beta, as normalizing with the batch's own "
                           "statistics would (its variance is 0); evaluation mode uses "
                           "running_mean and running_var")
            fail(f"forward(x, training=False) on {len(batch)} sample(s) is wrong"
                 f"{': ' + meaning if meaning else ''}. {worst_gap(out, expected)} {note}. "
                 "Evaluation: gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta.")
    for name, before in (("running_mean", mean), ("running_var", var)):
        now = as_array(bn.get(name), (d,), name)
        if not np.array_equal(now, before):
            fail(f"forward(x, training=False) changed {name} (from {np.round(before, 4)} to "
                 f"{np.round(now, 4)}): the running statistics are updated in training mode "
                 f"only {note}")


def backward_variants(x, gamma, dout, eps=EPS):
    """Known-wrong dx, to name the one a learner wrote."""
    mu, var = x.mean(axis=0), x.var(axis=0)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    g = dout * gamma
    return {
        "the backward treats mu and var as constants: dx = dout * gamma / sqrt(var + eps) "
        "ignores that the batch mean and variance depend on every sample":
            lambda: g * inv_std,
        "the path through the variance is missing (var treated as a constant): dx needs the "
        "term - x_hat * mean(dx_hat * x_hat)": lambda: inv_std * (g - g.mean(axis=0)),
        "the path through the mean is missing (mu treated as a constant): dx needs the term "
        "- mean(dx_hat)": lambda: inv_std * (g - x_hat * np.mean(g * x_hat, axis=0)),
        "gamma is missing: dx_hat = dout * gamma, not dout":
            lambda: inv_std * (dout - dout.mean(axis=0) - x_hat * np.mean(dout * x_hat,
                                                                          axis=0)),
        "the mean and variance terms are summed instead of averaged over the batch (a missing "
        "1/N)": lambda: inv_std * (g - g.sum(axis=0) - x_hat * np.sum(g * x_hat, axis=0)),
        "the variance term has the wrong sign": lambda: inv_std * (
            g - g.mean(axis=0) + x_hat * np.mean(g * x_hat, axis=0)),
        "eps is outside the square root (as in a forward with np.sqrt(var) + eps)":
            lambda: (g - g.mean(axis=0) - (x - mu) / (np.sqrt(var) + eps) * np.mean(
                g * (x - mu) / (np.sqrt(var) + eps), axis=0)) / (np.sqrt(var) + eps),
    }


def parameter_gradient_variants(x, dout, name, eps=EPS):
    x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
    if name == "dgamma":
        return {"dgamma uses x instead of x_hat: dgamma = np.sum(dout * x_hat, axis=0)":
                lambda: np.sum(dout * x, axis=0),
                "dgamma and dbeta are swapped": lambda: dout.sum(axis=0)}
    return {"dbeta and dgamma are swapped": lambda: np.sum(dout * x_hat, axis=0)}


def gradient_mistakes(kata, grads, expected, x, gamma, dout) -> str:
    """The classic mistakes that explain wrong gradients, one per wrong part, or ''."""
    found = []
    if not close(grads["dx"], expected["dx"], rtol=1e-7):
        found.append(matching_variant(grads["dx"], backward_variants(x, gamma, dout)))
    for name in ("dgamma", "dbeta"):
        if close(grads[name], expected[name], rtol=1e-7):
            continue
        meaning = matching_variant(grads[name], parameter_gradient_variants(x, dout, name))
        found.append(meaning or factor_mistake(kata.mistakes["parameter_gradient"],
                                               {name: (grads[name], expected[name])},
                                               what=name, n=len(x)))
    return "; ".join(m for m in found if m)


def forward_cause(out, x, gamma, beta) -> str:
    """When the training forward that a backward differentiates is itself wrong, the root
    cause to name first; else ''."""
    if close(out, bn_forward(x, gamma, beta)):
        return ""
    meaning = matching_variant(out, forward_variants(x, gamma, beta))
    return (f"your training forward is already wrong ({meaning or 'see train_forward_values'})"
            ", so backward differentiates another function than batch norm; fix the forward "
            "first")


def gradient_probe(rng, n, d, tiny=1e-3):
    x = make_batch(rng, n, d, tiny)
    gamma, beta = make_affine(rng, d)
    return x, gamma, beta, rng.normal(size=(n, d))


@check("correctness")
def test_backward_values(candidate, reference, rng, seed, kata):
    """backward(dout) after a training forward returns dx, dgamma and dbeta equal to the
    reference's (grader-set gamma and beta; one feature's variance is far below eps)."""
    n, d = 10, 5
    x, gamma, beta, dout = gradient_probe(rng, n, d)
    bn = new_bn(candidate, gamma, beta)
    out = forward_of(bn, x, n, d)
    grads = backward_of(bn, dout)
    model = reference_bn(reference, gamma, beta)
    model.forward(x)
    expected = dict(zip(("dx", "dgamma", "dbeta"), model.backward(dout)))
    wrong = [k for k in expected if not close(grads[k], expected[k], rtol=1e-7)]
    if not wrong:
        return
    mistake = forward_cause(out, x, gamma, beta) or \
        gradient_mistakes(kata, grads, expected, x, gamma, dout)
    fail(f"{mistake or ' and '.join(wrong) + (' is' if len(wrong) == 1 else ' are') + ' wrong'}"
         f". {wrong[0]}: {worst_gap(grads[wrong[0]], expected[wrong[0]])} "
         f"{data_note(seed, x=x, dout=dout)}. The backward pass: {FIX_BACKWARD}.")


@check("correctness")
def test_backward_matches_finite_differences(candidate, rng, seed, kata):
    """dx, dgamma and dbeta agree with central finite differences of sum(dout * forward(x))
    (relative error below 1e-6; grader-set gamma and beta; one feature's variance is 1e-4)."""
    n, d = 6, 4
    x, gamma, beta, dout = gradient_probe(rng, n, d, tiny=1e-2)
    bn = new_bn(candidate, gamma, beta)
    out = forward_of(bn, x, n, d)
    grads = backward_of(bn, dout)
    numeric = layer_gradients(bn_forward, {"x": x, "gamma": gamma, "beta": beta}, dout)
    numeric = {"d" + k: v for k, v in numeric.items()}
    name, error = gradcheck.worst_parameter(grads, numeric)
    if error < gradcheck.TOLERANCE:
        return
    mistake = forward_cause(out, x, gamma, beta) or \
        gradient_mistakes(kata, grads, numeric, x, gamma, dout)
    fail(f"{name} differs from the finite-difference gradient of sum(dout * forward(x)) "
         f"(eps = {gradcheck.EPS:g}): relative error {error:.2g}, a correct backward is at "
         f"about 1e-9{'; ' + mistake if mistake else ''} {data_note(seed, x=x, dout=dout)}")


@check("correctness")
def test_dout_of_ones_gives_zero_dx(candidate, rng, seed):
    """When dout is the same for every sample (all ones, or one constant per feature), dx is
    0, dbeta is the column sums of dout and dgamma is 0: a shift common to the batch changes
    no output."""
    n, d = 8, 3
    x = make_batch(rng, n, d, tiny=None)
    gamma, beta = make_affine(rng, d)
    note = data_note(seed, x=x)
    scale = float(np.max(np.abs(gamma) / np.sqrt(x.var(axis=0) + EPS)))
    for dout, label in ((np.ones((n, d)), "dout = np.ones((N, D))"),
                        (np.tile(rng.normal(size=d), (n, 1)), "dout = one constant per "
                                                             "feature")):
        bn = new_bn(candidate, gamma, beta)
        out = forward_of(bn, x, n, d)
        grads = backward_of(bn, dout)
        if not np.allclose(grads["dx"], 0.0, atol=1e-9 * scale * np.abs(dout).max()):
            constant = gamma / np.sqrt(x.var(axis=0) + EPS) * dout
            why = forward_cause(out, x, gamma, beta) or ("it is dout * gamma / sqrt(var + eps): the backward treats the batch mean "
                   "and variance as constants. Both depend on every sample, and their terms "
                   "cancel this one exactly"
                   if close(grads["dx"], constant, rtol=1e-7) else
                   "the terms through the batch mean and variance must cancel dout * gamma / "
                   "sqrt(var + eps) exactly")
            fail(f"with {label}, dx should be 0 (adding a constant to a feature of every "
                 f"sample leaves the training output unchanged), but its largest entry is "
                 f"{np.abs(grads['dx']).max():.3g}: {why} {note}")
        if not close(grads["dbeta"], dout.sum(axis=0)):
            fail(f"with {label}, dbeta should be dout.sum(axis=0) = {dout.sum(axis=0)}, but "
                 f"it is {np.round(grads['dbeta'], 6)} {note}")
        if not np.allclose(grads["dgamma"], 0.0, atol=1e-9 * n * np.abs(dout).max()):
            fail(f"with {label}, dgamma = np.sum(dout * x_hat, axis=0) should be 0 (each "
                 f"feature's x_hat sums to 0), but it is {np.round(grads['dgamma'], 6)}: "
                 f"multiply dout by x_hat, not by x {note}")


@check("correctness")
def test_constant_feature_stays_finite(candidate, reference, rng, seed, kata):
    """A feature with the same value in every sample (variance 0) gives finite outputs, equal to
    beta for that feature, and finite gradients equal to the reference's."""
    n, d = 7, 4
    x = make_batch(rng, n, d, tiny=None)
    x[:, 2] = 2.5
    gamma, beta = make_affine(rng, d)
    dout = rng.normal(size=(n, d))
    note = data_note(seed, x=x)
    bn = new_bn(candidate, gamma, beta)
    out = forward_of(bn, x, n, d)
    if not np.all(np.isfinite(out)):
        fail(f"feature 2 of x is constant (2.5 in every sample, variance 0), and your training "
             f"output contains {'nan' if np.any(np.isnan(out)) else 'inf'}: divide by "
             f"np.sqrt(var + eps) with eps inside the square root, so a zero variance gives "
             f"x_hat = 0 / sqrt(eps) = 0 {note}")
    if not close(out[:, 2], beta[2]):
        cause = forward_cause(out, x, gamma, beta)
        fail(f"feature 2 of x is constant (2.5 in every sample): its x_hat is 0, so its output "
             f"must be beta[2] = {beta[2]:.6g} in every sample, but it is "
             f"{np.round(out[:, 2], 6)}{': ' + cause if cause else ''} {note}")
    grads = backward_of(bn, dout)
    if not all(np.all(np.isfinite(g)) for g in grads.values()):
        bad = next(k for k, g in grads.items() if not np.all(np.isfinite(g)))
        fail(f"with a constant feature (variance 0), {bad} contains nan or inf: use "
             f"1 / np.sqrt(var + eps) in the backward too, never 1 / np.sqrt(var) or a "
             f"division by x - mu {note}")
    model = reference_bn(reference, gamma, beta)
    model.forward(x)
    expected = dict(zip(("dx", "dgamma", "dbeta"), model.backward(dout)))
    wrong = [k for k in expected if not close(grads[k], expected[k], rtol=1e-7)]
    if wrong:
        mistake = forward_cause(out, x, gamma, beta) or \
            gradient_mistakes(kata, grads, expected, x, gamma, dout)
        fail(f"with a constant feature (variance 0), {wrong[0]} differs from the reference"
             f"{': ' + mistake if mistake else ''}. "
             f"{worst_gap(grads[wrong[0]], expected[wrong[0]])} {note}")


@check("correctness")
def test_backward_after_eval_forward(candidate, rng, seed):
    """backward refers to the last TRAINING forward: an evaluation forward in between (on
    other data) changes none of dx, dgamma, dbeta."""
    n, d = 8, 3
    x, gamma, beta, dout = gradient_probe(rng, n, d, tiny=None)
    other = make_batch(rng, n, d, tiny=None)  # as many samples: a stale cache is no error
    plain = new_bn(candidate, gamma, beta)
    plain.call("forward", x)
    expected = backward_of(plain, dout)
    bn = new_bn(candidate, gamma, beta)
    bn.call("forward", x)
    bn.call("forward", other, training=False)
    grads = backward_of(bn, dout)
    changed = [k for k in grads if not close(grads[k], expected[k], rtol=1e-12)]
    if changed:
        fail(f"forward(x) in training mode, then forward(x2, training=False) on {n} other "
             f"samples, then backward(dout): {changed[0]} differs from what backward returns "
             f"without the evaluation call in between "
             f"({worst_gap(grads[changed[0]], expected[changed[0]])}). The evaluation forward "
             f"overwrote what backward needs: store the cache (x_hat, 1 / sqrt(var + eps)) in "
             f"training mode only {data_note(seed, x=x, dout=dout)}")


def layer_norm_variants(x, gamma, beta, eps=EPS):
    def norm(axis, ddof=0, outside=False):
        mu = x.mean(axis=axis, keepdims=True)
        var = x.var(axis=axis, ddof=ddof, keepdims=True)
        return gamma * (x - mu) / ((np.sqrt(var) + eps) if outside else np.sqrt(var + eps)) \
            + beta
    return {
        "it normalizes over the first axis (axis=0); layer norm normalizes each vector over "
        "the LAST axis": lambda: norm(0),
        "it normalizes over axis 1, which is the last axis of a 2-D x only; use axis=-1 "
        "(with keepdims=True) so that any number of dimensions works": lambda: norm(1),
        "it normalizes over every axis but the first (each sample as a whole); layer norm "
        "here normalizes each vector over the last axis only": lambda: norm(tuple(
            range(1, x.ndim))),
        "it normalizes with the unbiased variance (ddof=1); use the biased one, "
        "x.var(axis=-1, keepdims=True)": lambda: norm(-1, ddof=1),
        "eps is outside the square root: use np.sqrt(var + eps)":
            lambda: norm(-1, outside=True),
        "eps is missing: use np.sqrt(var + eps)": lambda: gamma * (x - x.mean(
            axis=-1, keepdims=True)) / x.std(axis=-1, keepdims=True) + beta,
        "gamma and beta are not applied": lambda: (norm(-1) - beta) / gamma,
    }


@check("correctness")
def test_layer_norm_values(candidate, rng, seed):
    """layer_norm normalizes each vector over the last axis with its mean and biased variance,
    eps inside the square root, then applies gamma and beta: 3-D (B, T, D) and 2-D (N, D)
    inputs of unequal sizes (one vector with a variance far below eps)."""
    for shape in ((2, 5, 7), (6, 4)):
        d = shape[-1]
        x = rng.normal(0.0, 2.0, size=shape) * rng.uniform(0.5, 3.0, size=d)
        x.reshape(-1, d)[1] = 0.7 + 1e-3 * rng.normal(size=d)  # variance ~1e-6 < eps
        gamma, beta = make_affine(rng, d)
        out = as_array(candidate.call("layer_norm", x, gamma, beta), shape,
                       f"layer_norm(x, gamma, beta) with x {shape}")
        expected = layer_norm_reference(x, gamma, beta)
        if close(out, expected):
            continue
        meaning = matching_variant(out, layer_norm_variants(x, gamma, beta))
        fail(f"layer_norm(x, gamma, beta) with x {shape} is wrong"
             f"{': ' + meaning if meaning else ''}. {worst_gap(out, expected)} "
             f"(seed {seed}). Layer norm: mu = x.mean(axis=-1, keepdims=True), var = "
             "x.var(axis=-1, keepdims=True), gamma * (x - mu) / np.sqrt(var + eps) + beta.")


def layer_norm_reference(x, gamma, beta, eps=EPS):
    mu, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


# --- convergence ----------------------------------------------------------------------------

def running_variants(mean, var, batch, momentum):
    """Known-wrong running-statistics updates: name -> (running_mean, running_var) after one
    training forward on ``batch`` from (mean, var)."""
    m = momentum
    mu, biased, unbiased = batch.mean(axis=0), batch.var(axis=0), batch.var(axis=0, ddof=1)
    return {
        "running_var stores the biased batch variance; the spec stores the unbiased one, "
        "np.var(x, axis=0, ddof=1) (var * N / (N - 1))":
            ((1 - m) * mean + m * mu, (1 - m) * var + m * biased),
        "momentum weighs the old value: running = momentum * running + (1 - momentum) * "
        "batch_stat is reversed; the spec is (1 - momentum) * running + momentum * batch_stat":
            (m * mean + (1 - m) * mu, m * var + (1 - m) * unbiased),
        "the running statistics are not updated in training mode": (mean, var),
        "the running statistics are replaced by the batch's, not averaged with momentum":
            (mu, unbiased),
        "running_var averages the batch's standard deviation, not its variance":
            ((1 - m) * mean + m * mu, (1 - m) * var + m * np.sqrt(unbiased)),
    }


@check("convergence")
def test_running_statistics(candidate, rng, seed):
    """After each of several training batches (of different sizes, momentum 0.1 and 0.3),
    running_mean and running_var follow running = (1 - momentum) * running + momentum *
    batch_stat, with the unbiased batch variance."""
    d = 3
    batches = [make_batch(rng, n, d, tiny=None) for n in (5, 8, 3, 12)]
    for kwargs in ({}, {"momentum": 0.3}):
        m = kwargs.get("momentum", 0.1)
        bn = candidate.new(CLASS, d, **kwargs)
        mean, var = np.zeros(d), np.ones(d)
        start = (as_array(bn.get("running_mean"), (d,), "running_mean"),
                 as_array(bn.get("running_var"), (d,), "running_var"))
        if not (np.array_equal(start[0], mean) and np.array_equal(start[1], var)):
            fail(f"a new BatchNorm1d({d}) starts with running_mean = {np.round(start[0], 4)} "
                 f"and running_var = {np.round(start[1], 4)}; the updates start from zeros and "
                 "ones (np.zeros(D), np.ones(D)), so every later value is off (see "
                 "init_state)")
        for step, batch in enumerate(batches, 1):
            bn.call("forward", batch)
            found = (as_array(bn.get("running_mean"), (d,), "running_mean"),
                     as_array(bn.get("running_var"), (d,), "running_var"))
            right = ((1 - m) * mean + m * batch.mean(axis=0),
                     (1 - m) * var + m * batch.var(axis=0, ddof=1))
            if not (close(found[0], right[0]) and close(found[1], right[1])):
                meaning = next((why for why, (a, b) in running_variants(mean, var, batch,
                                                                         m).items()
                                if close(found[0], a) and close(found[1], b)), "")
                name = "running_mean" if not close(found[0], right[0]) else "running_var"
                index = 0 if name == "running_mean" else 1
                fail(f"after training forward {step} (a batch of {len(batch)} samples, "
                     f"BatchNorm1d({d}{', momentum=0.3' if kwargs else ''})), {name} is "
                     f"wrong{': ' + meaning if meaning else ''}. "
                     f"{worst_gap(found[index], right[index])} (seed {seed}). Each training "
                     "forward: running_mean = (1 - momentum) * running_mean + momentum * "
                     "mu; running_var = (1 - momentum) * running_var + momentum * "
                     "x.var(axis=0, ddof=1).")
            mean, var = right


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d):
    x, gamma, beta, dout = gradient_probe(rng, n, d, tiny=None)
    x3 = rng.normal(size=(n, 3, d))
    return [Workload(set_parameters({"gamma": gamma, "beta": beta}) +
                     (call("forward", x), call("backward", dout),
                      call("forward", x, training=False)), CLASS, (d,),
                     label=f"x {(n, d)}", same=same_results),
            Workload((call("layer_norm", x3, gamma, beta),), label=f"layer_norm x {x3.shape}")]


LOOP_ADVICE = ("Replace the loop with whole-array operations: x.mean(axis=0), x.var(axis=0), "
               "dout.sum(axis=0) and broadcasting for batch norm; x.mean(axis=-1, "
               "keepdims=True) for layer norm.")
test_no_loop_over_samples = no_loop_each(work_at, "samples", {"n": (32, 256), "d": 5},
                                         LOOP_ADVICE)
test_no_loop_over_features = no_loop_each(work_at, "features", {"n": 16, "d": (4, 32)},
                                          LOOP_ADVICE)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    x, gamma, beta, dout = gradient_probe(rng, 9, 4, tiny=None)
    setup = set_parameters({"gamma": gamma, "beta": beta})
    train = call("forward", x)
    return [Workload(setup + (train,), CLASS, (4,), same=same_results),
            Workload(setup + (train, call("backward", dout)), CLASS, (4,), same=same_results),
            Workload(setup + (call("forward", x, training=False),), CLASS, (4,),
                     same=same_results),
            Workload((call("layer_norm", rng.normal(size=(2, 3, 4)), gamma, beta),))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="compute new arrays instead: centered = x - mu makes a copy, x -= mu changes the "
        "caller's x; dx_hat = dout * self.gamma, not dout *= self.gamma.",
    doc="forward, backward and layer_norm leave x, dout, gamma and beta unchanged.")


# --- performance ----------------------------------------------------------------------------

SPEED_N, SPEED_D = 8192, 64


def speed_data(rng):
    x, gamma, beta, dout = gradient_probe(rng, SPEED_N, SPEED_D, tiny=None)
    return {"x": x, "dout": dout, "gamma": gamma, "beta": beta}


_setup = set_parameters({"gamma": stored("gamma"), "beta": stored("beta")})
test_speed_at_scale = standard.speed(
    speed_data,
    [(Workload(_setup + (call("forward", stored("x")),), CLASS, (SPEED_D,), same=same_results),
      f"forward on x ({SPEED_N}, {SPEED_D})"),
     (Workload(_setup + (call("forward", stored("x")), call("backward", stored("dout"))),
               CLASS, (SPEED_D,), same=same_results),
      f"backward on dout ({SPEED_N}, {SPEED_D})")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map over rows, np.frompyfunc), or (N, N) "
    "intermediates such as a full Jacobian.",
    doc=f"forward and backward on a {SPEED_N} x {SPEED_D} batch run in time and memory "
        "comparable to the reference.")
