"""Hidden checks for the mlp_backprop kata.

Every value check starts from parameters the examiner sets on the learner's object (``net.W1 =
...``), so losses, gradients and trajectories are exact whatever initialization the learner's
constructor drew; the constructor itself is judged by what must hold (scale, zero biases,
seeding, distinct hidden units). Expected values come from the reference imported here and from
central finite differences of the loss; the learner's class only runs in the sandboxed worker.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, as_float, call, check, close, data_note,
                            factor_mistake, fail, gradcheck, returned, standard, stored,
                            worst_gap)
from katakit.author.linear_models import as_history, same_trajectory
from katakit.author.networks import (as_gradients, away_from_kinks, returned_after,
                                     same_results, set_parameters)

CLASS = "TwoLayerNet"
NAMES = ("W1", "b1", "W2", "b2")
FIX_BACKPROP = ("dscores = (softmax(scores) - one_hot(y)) / N; dW2 = h.T @ dscores; "
                "db2 = dscores.sum(axis=0); dh = dscores @ W2.T; dz1 = dh * (z1 > 0); "
                "dW1 = X.T @ dz1; db1 = dz1.sum(axis=0)")


# --- data, parameters and the examiner's own computations ------------------------------------

def shapes_of(d, h, c) -> dict:
    return {"W1": (d, h), "b1": (h,), "W2": (h, c), "b2": (c,)}


def make_params(rng, d, h, c) -> dict:
    """Parameters of a typical scale, biases not zero (so a gradient that forgets them shows)."""
    return {"W1": rng.normal(size=(d, h)) * np.sqrt(2 / d), "b1": 0.2 * rng.normal(size=h),
            "W2": rng.normal(size=(h, c)) * np.sqrt(2 / h), "b2": 0.2 * rng.normal(size=c)}


def make_data(rng, n, d, c):
    """Features N(0, 1) and labels covering several classes."""
    return rng.normal(size=(n, d)), rng.integers(0, c, size=n)


def probe(rng, n, d, h, c, margin=1e-2):
    """Parameters and data whose pre-activations z1 are all at least ``margin`` from ReLU's kink,
    with both active and inactive units (so every ReLU mistake changes a gradient)."""
    def draw():
        return make_params(rng, d, h, c), *make_data(rng, n, d, c)

    def kinks(found):
        params, X, _ = found
        z1 = X @ params["W1"] + params["b1"]
        mixed = np.mean(z1 > 0)
        return np.append(z1, 1.0 if 0.25 < mixed < 0.75 else 0.0)
    return away_from_kinks(draw, kinks, margin)


def sizes(params) -> tuple:
    d, h = params["W1"].shape
    return d, h, params["W2"].shape[1]


def forward(params, X):
    z1 = X @ params["W1"] + params["b1"]
    hidden = np.maximum(z1, 0.0)
    return z1, hidden, hidden @ params["W2"] + params["b2"]


def reference_net(reference, params):
    net = reference.TwoLayerNet(*sizes(params))
    for name, value in params.items():
        setattr(net, name, np.array(value, dtype=float))
    return net


def true_loss(reference, params, X, y) -> float:
    return reference_net(reference, params).loss_and_grads(X, y)[0]


def true_grads(reference, params, X, y) -> dict:
    return reference_net(reference, params).loss_and_grads(X, y)[1]


def backprop_variant(params, X, y, mask="z1", minus_one=True, dW2_from="hidden"):
    """Known-wrong backward passes, to name the one a learner wrote."""
    n = len(X)
    z1, hidden, scores = forward(params, X)
    shifted = scores - scores.max(axis=1, keepdims=True)
    dscores = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    if minus_one:
        dscores[np.arange(n), y] -= 1.0
    dscores /= n
    dhidden = dscores @ params["W2"].T
    gate = {"z1": z1 > 0, "dh": dhidden > 0, "none": 1.0, "inverted": z1 < 0}[mask]
    dz1 = dhidden * gate
    layer_input = hidden if dW2_from == "hidden" else z1
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": layer_input.T @ dscores,
            "b2": dscores.sum(axis=0)}


GRADIENT_VARIANTS = {
    "the ReLU mask is taken from the wrong tensor: (dh > 0) tests the upstream gradient, but "
    "relu'(z1) needs the pre-activation, dz1 = dh * (z1 > 0)": dict(mask="dh"),
    "the ReLU derivative is missing: dz1 = dh passes the gradient through inactive units; "
    "use dz1 = dh * (z1 > 0)": dict(mask="none"),
    "the ReLU mask is inverted: the gradient must pass where the unit was active, "
    "dz1 = dh * (z1 > 0)": dict(mask="inverted"),
    "dW2 uses the pre-activation z1, but the second layer's input is h = relu(z1): "
    "dW2 = h.T @ dscores": dict(dW2_from="z1"),
    "the -1 at each sample's true class is missing: dscores = (softmax(scores) - "
    "one_hot(y)) / N": dict(minus_one=False),
}


def gradient_mistake(kata, grads, expected, params, X, y) -> str:
    """The classic mistake that explains wrong gradients, or ''."""
    for meaning, options in GRADIENT_VARIANTS.items():
        variant = backprop_variant(params, X, y, **options)
        if all(close(grads[k], variant[k]) for k in NAMES):
            return meaning
    for name in ("W1", "W2"):
        if grads[name].shape[0] == grads[name].shape[1] and close(grads[name],
                                                                  expected[name].T):
            return (f"d{name} is the transpose of the right gradient (a missing or extra "
                    "transpose): dW1 = X.T @ dz1, dW2 = h.T @ dscores")
    return factor_mistake(kata.mistakes["gradient"],
                          {k: (grads[k], expected[k]) for k in NAMES}, n=len(X))


# --- talking to the learner's network --------------------------------------------------------

def new_net(candidate, params):
    """The learner's TwoLayerNet of the params' sizes, with the examiner's parameters set."""
    net = candidate.new(CLASS, *sizes(params))
    for name, value in params.items():
        net.set(name, value)
    return net


def call_loss_and_grads(net, params, X, y, what="loss_and_grads(X, y)"):
    result = net.call("loss_and_grads", X, y)
    return unpack(result, params, len(X), what)


def unpack(result, params, n, what):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"{what} should return the pair (loss, grads), but it returned "
             f"{returned(result)}")
    loss = as_float(result[0], f"the loss returned by {what}")
    return loss, as_gradients(result[1], {k: v.shape for k, v in params.items()}, what, n)


def parameters_of(net, params) -> dict:
    return {name: as_array(net.get(name), params[name].shape, name) for name in NAMES}


STALE_PARAMETERS = (
    "your methods use the parameters the net was built with, not the ones set on it: read "
    "self.W1, self.b1, self.W2, self.b2 in every call (a dict built in __init__ keeps the old "
    "arrays after net.W1 = ...)")


def stale_parameters(candidate, params, gives) -> str:
    """STALE_PARAMETERS when the learner's wrong outputs are what the parameters the learner's
    constructor drew would give (``gives(built)`` is True): the methods read a copy made in
    __init__ (``self.params = {"W1": self.W1, ...}``) that ``net.W1 = ...`` does not replace.
    The evidence is a fresh net of the same sizes and seed as :func:`new_net`'s; '' otherwise."""
    fresh = candidate.new(CLASS, *sizes(params))
    built = {}
    for name in NAMES:
        value = np.asarray(fresh.get(name))
        if value.shape != params[name].shape or value.dtype.kind not in "fiu":
            return ""
        built[name] = value.astype(float)
    if all(np.array_equal(built[k], params[k]) for k in NAMES) or not gives(built):
        return ""
    return STALE_PARAMETERS


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """predict returns (N,) labels, loss_and_grads a float and a dict of gradients shaped like
    W1, b1, W2, b2, fit a list of floats; also for one sample, one feature, one hidden unit."""
    for n, d, h, c in ((1, 1, 1, 2), (7, 3, 5, 4), (5, 2, 3, 3)):
        params = make_params(rng, d, h, c)
        X, y = make_data(rng, n, d, c)
        note = f"(seed {seed}; N={n}, d_in={d}, d_hidden={h}, n_classes={c})"
        net = new_net(candidate, params)
        labels = net.call("predict", X)
        if np.ndim(labels) == 2 and np.shape(labels) == (n, c):
            fail(f"predict(X) returned an array of shape {(n, c)}, the scores or "
                 f"probabilities: return the class labels, np.argmax(scores, axis=1) {note}")
        as_array(labels, (n,), f"predict(X) {note}")
        call_loss_and_grads(net, params, X, y, f"loss_and_grads(X, y) {note}")
        as_history(net.call("fit", X, y, lr=0.1, epochs=2), 2, f"fit(X, y, epochs=2) {note}")


# --- correctness ----------------------------------------------------------------------------

INIT_SIZES = (300, 200, 50)


def std_meaning(found: float, fan_in: int) -> str:
    known = {1.0: "rng.normal(size=...) without the scale",
             np.sqrt(1 / fan_in): "sqrt(1 / fan_in) (LeCun/Xavier) instead of He's "
                                  "sqrt(2 / fan_in)",
             0.01: "a fixed 0.01 scale", 0.1: "a fixed 0.1 scale",
             2 / fan_in: "the variance 2 / fan_in used as the standard deviation: pass "
                         "np.sqrt(2 / fan_in) as scale"}
    for value, meaning in known.items():
        if abs(found - value) < 0.1 * value:
            return f" ({meaning})"
    return ""


@check("correctness")
def test_init_scheme(candidate):
    """The constructor draws W1 ~ N(0, 2/d_in) and W2 ~ N(0, 2/d_hidden) from
    np.random.default_rng(seed), with zero biases: the same seed gives the same parameters,
    another seed others."""
    d, h, c = INIT_SIZES
    label = f"TwoLayerNet({d}, {h}, {c}, seed=3)"
    first = candidate.new(CLASS, d, h, c, seed=3)
    params = parameters_of(first, {"W1": np.zeros((d, h)), "b1": np.zeros(h),
                                   "W2": np.zeros((h, c)), "b2": np.zeros(c)})
    for bias in ("b1", "b2"):
        if np.any(params[bias] != 0):
            fail(f"{label}.{bias} is not all zeros: the spec starts the biases at "
                 f"np.zeros(...) (the random weights already break the symmetry)")
    for name, fan_in in (("W1", d), ("W2", h)):
        values = params[name]
        want = np.sqrt(2 / fan_in)
        if not np.any(values):
            fail(f"{label}.{name} is all zeros: draw it from rng.normal(0.0, "
                 f"np.sqrt(2 / {'d_in' if name == 'W1' else 'd_hidden'}), size=...). With "
                 "zero weights every hidden unit computes the same thing (see "
                 "init_breaks_symmetry)")
        found = float(np.std(values))
        if abs(found - want) > 0.05 * want or abs(np.mean(values)) > 5 * want / np.sqrt(
                values.size):
            fail(f"{label}.{name} has mean {np.mean(values):.3g} and standard deviation "
                 f"{found:.4g}; He initialization gives mean 0 and sqrt(2 / fan_in) = "
                 f"{want:.4g} (fan_in = {fan_in}){std_meaning(found, fan_in)}")
    again = parameters_of(candidate.new(CLASS, d, h, c, seed=3), params)
    other = parameters_of(candidate.new(CLASS, d, h, c, seed=4), params)
    if not all(np.array_equal(params[k], again[k]) for k in NAMES):
        fail(f"two nets built with seed=3 got different weights: draw from "
             f"rng = np.random.default_rng(seed) inside __init__, not from the global "
             f"np.random state")
    if np.array_equal(params["W1"], other["W1"]):
        fail("seed=3 and seed=4 gave the same W1: the constructor ignores its seed; use "
             "rng = np.random.default_rng(seed)")


@check("correctness")
def test_init_breaks_symmetry(candidate):
    """A new net's hidden units start different from each other (no two columns of W1 equal):
    identical units would get identical gradients and stay copies forever."""
    d, h, c = 4, 6, 3
    net = candidate.new(CLASS, d, h, c)
    params = parameters_of(net, {"W1": np.zeros((d, h)), "b1": np.zeros(h),
                                 "W2": np.zeros((h, c)), "b2": np.zeros(c)})
    units = np.vstack([params["W1"], params["b1"], params["W2"].T])
    same = [(i, j) for i in range(h) for j in range(i + 1, h)
            if np.array_equal(units[:, i], units[:, j])]
    if not same:
        return
    shown = "all zeros" if not np.any(params["W1"]) else f"W1[:, 0] = {units[:d, 0]}"
    what = ("all 6 hidden units" if len(same) == h * (h - 1) // 2 else
            f"hidden units {same[0][0]} and {same[0][1]}")
    fail(f"in TwoLayerNet({d}, {h}, {c}), {what} start identical ({shown}): symmetric "
         "initialization. Identical units compute the same activation and receive the same "
         "gradient, so they stay copies forever (with all weights zero, only b2 ever learns). "
         "Draw W1 and W2 with rng = np.random.default_rng(seed) as the statement says.")


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) is the index of the largest score, argmax over the classes of
    relu(X @ W1 + b1) @ W2 + b2."""
    params = make_params(rng, 4, 6, 3)
    X, _ = make_data(rng, 30, 4, 3)
    labels = as_array(new_net(candidate, params).call("predict", X), (30,), "predict(X)")
    expected = np.argmax(forward(params, X)[2], axis=1)
    if np.array_equal(labels, expected):
        return
    hint = ""
    stale = stale_parameters(
        candidate, params,
        lambda built: np.array_equal(labels, np.argmax(forward(built, X)[2], axis=1)))
    if stale:
        hint = f": {stale}"
    elif np.array_equal(labels, np.argmax(X @ params["W1"] @ params["W2"], axis=1)):
        hint = ": the ReLU and the biases are missing"
    elif np.array_equal(labels, np.argmin(forward(params, X)[2], axis=1)):
        hint = ": that is argmin; the predicted class has the LARGEST score"
    fail(f"predict(X) differs from argmax(scores, axis=1) for {np.sum(labels != expected)} of "
         f"30 samples{hint} {data_note(seed, X=X)}")


@check("correctness")
def test_loss_value(candidate, reference, rng, seed):
    """The loss is the mean over the batch of the softmax cross-entropy,
    -mean(log softmax(scores)[i, y_i]), natural log."""
    n, d, h, c = 12, 4, 6, 3
    params = make_params(rng, d, h, c)
    X, y = make_data(rng, n, d, c)
    result = new_net(candidate, params).call("loss_and_grads", X, y)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(f"loss_and_grads(X, y) should return the pair (loss, grads), but it returned "
             f"{returned(result)}")
    loss = as_float(result[0], "the loss returned by loss_and_grads(X, y)")
    expected = true_loss(reference, params, X, y)
    if close(loss, expected):
        return
    known = {expected * n: "the sum over the batch: divide by N (np.mean)",
             expected / c: "also averaged over the classes: average over the N samples only",
             -expected: "of the wrong sign: the cross-entropy is MINUS the mean log-probability",
             expected / np.log(2): "in bits (log2): use the natural log, np.log",
             expected / np.log(10): "in log10: use the natural log, np.log"}
    meaning = next((m for value, m in known.items() if close(loss, value)), "") or \
        stale_parameters(candidate, params,
                         lambda built: close(loss, true_loss(reference, built, X, y)))
    fail(f"loss_and_grads returned the loss {loss:.10g}, expected {expected:.10g}"
         f"{': ' + meaning if meaning else ''} {data_note(seed, X=X, y=y)}")


def stale_grads(candidate, reference, grads, params, X, y) -> str:
    """STALE_PARAMETERS when the gradients are those of the constructor's parameters."""
    def gives(built):
        expected = true_grads(reference, built, X, y)
        return all(close(grads[k], expected[k]) for k in NAMES)
    return stale_parameters(candidate, params, gives)


@check("correctness")
def test_gradient_values(candidate, reference, rng, seed, kata):
    """Every gradient (W1, b1, W2, b2) equals the reference backward pass."""
    n, d, h, c = 12, 4, 6, 3
    params, X, y = probe(rng, n, d, h, c)
    _, grads = call_loss_and_grads(new_net(candidate, params), params, X, y)
    expected = true_grads(reference, params, X, y)
    wrong = [k for k in NAMES if not close(grads[k], expected[k])]
    if not wrong:
        return
    mistake = gradient_mistake(kata, grads, expected, params, X, y) or \
        stale_grads(candidate, reference, grads, params, X, y) or \
        f"{' and '.join('d' + k for k in wrong)} {'is' if len(wrong) == 1 else 'are'} wrong"
    fail(f"{mistake}. d{wrong[0]}: {worst_gap(grads[wrong[0]], expected[wrong[0]])} "
         f"{data_note(seed, X=X, y=y)}. The backward pass: {FIX_BACKPROP}.")


@check("correctness")
def test_gradients_match_finite_differences(candidate, reference, rng, seed, kata):
    """Each gradient agrees with central finite differences of the loss (relative error below
    1e-6; probe data away from ReLU's kink at 0)."""
    n, d, h, c = 8, 3, 5, 4
    params, X, y = probe(rng, n, d, h, c, margin=1e-3)
    _, grads = call_loss_and_grads(new_net(candidate, params), params, X, y)
    numeric = gradcheck.numerical_gradients(lambda p: true_loss(reference, p, X, y), params)
    name, error = gradcheck.worst_parameter(grads, numeric)
    if error < gradcheck.TOLERANCE:
        return
    mistake = (gradient_mistake(kata, grads, true_grads(reference, params, X, y), params, X, y)
               or stale_grads(candidate, reference, grads, params, X, y))
    fail(f"d{name} differs from the finite-difference gradient of the loss (eps = "
         f"{gradcheck.EPS:g}): relative error {error:.2g}, a correct backward pass is at about "
         f"1e-9{'; ' + mistake if mistake else ''} {data_note(seed, X=X, y=y)}")


@check("correctness")
def test_large_logits_stay_finite(candidate, rng, seed):
    """With every score shifted by +1000 or -1000 (b2 + 1000), the loss and gradients stay
    finite and equal to your unshifted ones: softmax is shift-invariant, so a stable softmax
    subtracts each row's maximum before np.exp."""
    n, d, h, c = 10, 4, 6, 3
    params = make_params(rng, d, h, c)
    X, y = make_data(rng, n, d, c)
    base_loss, base = call_loss_and_grads(new_net(candidate, params), params, X, y)
    for shift in (1000.0, -1000.0):
        shifted = {**params, "b2": params["b2"] + shift}
        loss, grads = call_loss_and_grads(new_net(candidate, shifted), shifted, X, y)
        finite = np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads.values())
        if not finite:
            what = f"the loss is {loss}" if not np.isfinite(loss) else "a gradient is nan/inf"
            fail(f"with every score shifted by {shift:+g} (b2 {shift:+g}), {what}: an unstable "
                 f"softmax. np.exp of scores near {shift:+g} "
                 f"{'overflows to inf' if shift > 0 else 'underflows to 0'}, and inf / inf or "
                 "0 / 0 is nan. Subtract each row's max first: shifted = scores - "
                 "scores.max(axis=1, keepdims=True), which changes no probability "
                 f"{data_note(seed, X=X, y=y)}")
        moved = [k for k in NAMES if not close(grads[k], base[k], rtol=1e-6, atol_scale=1e-9)]
        if not close(loss, base_loss, rtol=1e-7) or moved:
            what = (f"the loss went from {base_loss:.8g} to {loss:.8g}" if moved == [] else
                    f"d{moved[0]} changed: {worst_gap(grads[moved[0]], base[moved[0]])}")
            fail(f"with every score shifted by {shift:+g} (b2 {shift:+g}), {what}; softmax "
                 "does not change when a constant is added to a row's scores, so neither may "
                 "the loss or any gradient. Are the scores clipped, or a constant added "
                 "inside the log? Subtract the row max instead "
                 f"{data_note(seed, X=X, y=y)}")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_one_step(candidate, reference, rng, seed):
    """fit(X, y, lr, epochs=1) from the parameters set on the net records their loss, then
    moves every parameter to p - lr * grad."""
    n, d, h, c, lr = 16, 4, 6, 3, 0.3
    params, X, y = probe(rng, n, d, h, c)
    note = data_note(seed, X=X, y=y)
    net = new_net(candidate, params)
    history = as_history(net.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
    after = parameters_of(net, params)
    loss, grads = reference_net(reference, params).loss_and_grads(X, y)
    expected = {k: params[k] - lr * grads[k] for k in NAMES}
    if not close(history[0], loss):
        meaning = ("the loss AFTER the update: record the loss first, then update"
                   if close(history[0], true_loss(reference, expected, X, y)) else
                   stale_parameters(candidate, params, lambda built: close(
                       history[0], true_loss(reference, built, X, y))))
        if meaning and close(unpack(new_net(candidate, params).call("loss_and_grads", X, y),
                                    params, n, "loss_and_grads(X, y)")[0], loss):
            # loss_and_grads reads the parameters set on the net: fit replaced them
            meaning = ("the loss of a freshly initialized net: fit must start from the "
                       "current parameters (the ones set on the object), not re-initialize "
                       "them")
        fail(f"the loss recorded by fit(epochs=1) is {history[0]:.10g}, but the parameters set "
             f"on the net have the loss {loss:.10g}{': ' + meaning if meaning else ''} {note}")
    if all(np.array_equal(after[k], params[k]) for k in NAMES):
        fail(f"after fit(epochs=1) the parameters have not moved: update each one on the "
             f"object, self.W1 = self.W1 - lr * grads['W1'] and so on (updating another copy, "
             f"such as a dict built in __init__, leaves self.W1 as it was) {note}")
    wrong = [k for k in NAMES if not close(after[k], expected[k])]
    if wrong:
        k = wrong[0]
        moved = (after[k] - params[k]) / -lr
        meaning = ("the step goes uphill (p + lr * grad)" if close(moved, -grads[k]) else
                   f"{k} moved by lr times a wrong gradient (see gradient_values)"
                   if not close(moved, grads[k]) else "")
        fail(f"after one epoch at lr={lr}, {k} should be {k} - lr * d{k}"
             f"{': ' + meaning if meaning else ''}: {worst_gap(after[k], expected[k])} {note}")


@check("convergence")
def test_trajectory(candidate, reference, rng, seed):
    """The loss history of fit, from examiner-set parameters, is full-batch gradient descent's,
    epoch by epoch, and so are the final parameters."""
    n, d, h, c, lr, epochs = 40, 5, 8, 3, 0.5, 30
    params = make_params(rng, d, h, c)
    X, y = make_data(rng, n, d, c)
    note = data_note(seed, X=X, y=y)
    net = new_net(candidate, params)
    history = as_history(net.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr}, epochs={epochs})")
    model = reference_net(reference, params)
    expected = np.array(model.fit(X, y, lr=lr, epochs=epochs))
    if not same_trajectory(history, expected):
        k = int(np.argmax(~np.isclose(history, expected, rtol=1e-8, atol=1e-10 * expected[0],
                                      equal_nan=True)))
        hint = (" (see one_step: the first recorded loss is already wrong)" if k == 0 else
                " (epoch 0 is right, so check the update and the gradients: gradient_values, "
                "one_step)")
        fail(f"the loss history leaves full-batch gradient descent at epoch {k}: yours "
             f"{history[k]:.10g}, expected {expected[k]:.10g}{hint}. Each epoch: "
             f"loss_and_grads on all of X, record the loss, then p = p - lr * grads[p] for "
             f"every parameter {note}")
    final = parameters_of(net, params)
    wrong = [k for k in NAMES if not close(final[k], getattr(model, k), rtol=1e-7)]
    if wrong:
        fail(f"the loss history is right but after fit the parameter {wrong[0]} is not where "
             f"{epochs} steps of gradient descent leave it: "
             f"{worst_gap(final[wrong[0]], getattr(model, wrong[0]))}. Keep the updated "
             f"parameters on the object (self.W1 = ...) {note}")


def xor_data(rng, n):
    """Points in [-1.1, 1.1]^2 away from the axes, labelled by the sign of x0 * x1."""
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    X += 0.1 * np.sign(X)
    return X, (X[:, 0] * X[:, 1] > 0).astype(int)


@check("convergence")
def test_fits_xor(candidate, rng, seed):
    """From its own seeded initialization, the net learns XOR-like data (not linearly
    separable): after 300 epochs at lr=0.5 with 16 hidden units, training accuracy >= 97%."""
    X, y = xor_data(rng, 200)
    note = data_note(seed, X=X, y=y)
    for kwargs in ({}, {"seed": 5}):
        net = candidate.new(CLASS, 2, 16, 2, **kwargs)
        history = as_history(net.call("fit", X, y, lr=0.5, epochs=300), 300,
                             "fit(X, y, lr=0.5, epochs=300)")
        shapes = {"W1": np.zeros((2, 16)), "b1": np.zeros(16), "W2": np.zeros((16, 2)),
                  "b2": np.zeros(2)}
        params = parameters_of(net, shapes)
        accuracy = float(np.mean(np.argmax(forward(params, X)[2], axis=1) == y))
        if accuracy >= 0.97:
            continue
        label = f"TwoLayerNet(2, 16, 2{', seed=5' if kwargs else ''})"
        units = np.vstack([params["W1"], params["b1"]])
        if np.allclose(units, units[:, :1]):
            why = ("its 16 hidden units are still identical after training: a symmetric "
                   "(zero or constant) initialization is never broken by gradient descent; "
                   "draw W1 and W2 at random as the statement says")
        elif not np.all(np.isfinite(history)):
            why = "the loss became nan or inf: the updates diverged (gradients too large?)"
        else:
            why = (f"the loss only went from {history[0]:.4g} to {history[-1]:.4g}: check "
                   "gradient_values and one_step first")
        fail(f"{label} fitted on XOR-like data reaches {accuracy:.0%} training accuracy, "
             f"a correct net reaches 100%: {why} {note}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, h):
    """A small lr, so that even a gradient N times too large (said elsewhere) stays finite:
    the numeric warnings of a diverging run would make the counted work differ by size."""
    d, c = 4, 3
    params = make_params(rng, d, h, c)
    X, y = make_data(rng, n, d, c)
    return Workload(set_parameters(params) + (call("fit", X, y, lr=1e-3, epochs=3),
                                              call("loss_and_grads", X, y),
                                              call("predict", X)),
                    CLASS, (d, h, c), f"X {(n, d)} with {h} hidden units", same=same_results)


LOOP_ADVICE = ("Replace the loop with whole-array operations: X @ W1 + b1, np.maximum(z1, 0), "
               "scores.max(axis=1, keepdims=True), probs[np.arange(N), y], h.T @ dscores, "
               "dz1.sum(axis=0); only the loop over epochs may stay.")
EPOCHS = "the loop over epochs (and a loop over the 4 parameter names)"
test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (32, 256), "h": 8},
                                             LOOP_ADVICE, allowed=EPOCHS)
test_no_loop_over_hidden_units = standard.no_loop(work_at, "hidden units",
                                                  {"n": 32, "h": (4, 32)}, LOOP_ADVICE,
                                                  allowed=EPOCHS)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    params = make_params(rng, 4, 6, 3)
    X, y = make_data(rng, 20, 4, 3)
    return [Workload(set_parameters(params) + (c,), CLASS, (4, 6, 3), same=same_results)
            for c in (call("loss_and_grads", X, y), call("fit", X, y, lr=0.1, epochs=3),
                      call("predict", X))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="Never write into X or y: full-batch gradient descent needs no shuffling or in-place "
        "normalization; build new arrays (X[order], X - mean) when you need them.",
    doc="loss_and_grads, fit and predict leave X and y unchanged.")


@check("robustness")
def test_gradients_are_fresh(candidate, rng, seed):
    """loss_and_grads returns new gradient arrays, which later calls (loss_and_grads on other
    data, fit) do not change, and leaves the parameters as they were."""
    n, d, h, c = 15, 4, 6, 3
    params = make_params(rng, d, h, c)
    (XA, yA), (XB, yB) = make_data(rng, n, d, c), make_data(rng, n, d, c)
    note = data_note(seed, X=XA, y=yA)
    net = new_net(candidate, params)
    own = call_loss_and_grads(net, params, XA, yA)[1]
    now = parameters_of(net, params)
    changed = [k for k in NAMES if not np.array_equal(now[k], params[k])]
    if changed:
        fail(f"loss_and_grads changed the parameter {changed[0]}: it must only compute the "
             f"loss and the gradients; fit makes the update {note}")
    workload = Workload(set_parameters(params) + (call("loss_and_grads", XA, yA),
                                                  call("fit", XA, yA, lr=0.5, epochs=2),
                                                  call("loss_and_grads", XB, yB)),
                        CLASS, (d, h, c))
    values = returned_after(candidate, workload)[len(NAMES):]
    first = unpack(values[0], params, n, "the first loss_and_grads(X, y)")[1]
    last = unpack(values[2], params, n, "the last loss_and_grads(X, y)")[1]
    stale = [k for k in NAMES if not close(first[k], own[k], rtol=1e-12)]
    if not stale:
        return
    if all(np.array_equal(first[k], last[k]) for k in stale):
        how = ("later calls overwrote them: you return arrays your object keeps and refills "
               "(self.grads[...] = ..., np.dot(..., out=...)), so every call returns the same "
               "arrays; build new arrays in every call")
    else:
        how = ("fit changed them: the returned arrays are shared with your object, e.g. "
               "views of the parameters or buffers that fit updates in place; return new "
               "arrays such as X.T @ dz1, and update with self.W1 -= lr * grads['W1'] "
               "without writing into grads")
    fail(f"the gradient {stale[0]!r} that loss_and_grads returned changed after it was "
         f"returned: {how}. A caller (an optimizer, a gradient check) keeps them {note}")


# --- performance ----------------------------------------------------------------------------

SPEED_SIZES = (10_000, 40, 64, 10)


def speed_data(rng):
    n, d, h, c = SPEED_SIZES
    X, y = make_data(rng, n, d, c)
    return {"X": X, "y": y, **make_params(rng, d, h, c)}


_data = (stored("X"), stored("y"))
test_speed_at_scale = standard.speed(
    speed_data,
    [(Workload(set_parameters({k: stored(k) for k in NAMES}) +
               (call("fit", *_data, lr=0.1, epochs=1), call("fit", *_data, lr=0.1, epochs=2)),
               CLASS, SPEED_SIZES[1:], same=same_results),
      "2 epochs of fit on X (10000, 40) with 64 hidden units and 10 classes")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map, functools.reduce), a one-hot matrix "
    "built with np.eye(C) per sample, or (N, N) intermediates.",
    doc="fit on 10,000 x 40 data with 64 hidden units runs in time and memory comparable to "
        "the reference.")
