"""Hidden checks for the logistic_regression kata.

Expected values come from the formulas, central finite differences and the reference solution,
all computed here in the examiner's process; the learner's class only ever runs in the
sandboxed worker behind ``candidate``.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_float, as_vector, call, check, close, data_note,
                            factor_mistake, fail, gradcheck, precision_note, returned, standard,
                            stored, worst_gap)
from katakit.author.checks import Unverified
from katakit.author.logistic_models import (CLIP, as_binary_labels, binary_cross_entropy,
                                            largest_safe_lr, logistic_optimum,
                                            make_classification, sigmoid)
from katakit.author.linear_models import EDGE_SIZES, as_history, same_trajectory, zero_init_check

CLASS = "LogisticRegression"
FIX_GRADIENT = "dw = X.T @ (p - y) / n and db = np.mean(p - y), with n = X.shape[0]"
FIX_LOSS = ("p = np.clip(p, 1e-15, 1 - 1e-15); loss = -np.mean(y * np.log(p) + (1 - y) * "
            "np.log(1 - p))")
FIX_SIGMOID = ("1 / (1 + np.exp(-z)) (for very negative z, exp overflows to inf with a warning "
               "and 1 / inf = 0, which is the right value), or without any overflow: "
               "e = np.exp(-np.abs(z)); np.where(z >= 0, 1 / (1 + e), e / (1 + e))")


def reference_fit(reference, X, y, lr, epochs):
    model = reference.LogisticRegression(X.shape[1])
    history = model.fit(X, y, lr=lr, epochs=epochs)
    return np.array(history), model.w, model.b


def new_model(candidate, w, b):
    model = candidate.new(CLASS, len(w))
    model.set("w", np.asarray(w, dtype=float))
    model.set("b", float(b))
    return model


def random_parameters(rng, d):
    """w and b away from zero (so a penalty or a missing b shows), with moderate logits."""
    return rng.normal(size=d) * 0.8, float(0.5 + rng.uniform())


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n, d):
    X, y = make_classification(rng, n, d)
    p = rng.uniform(0.05, 0.95, size=n)
    workload = Workload((call("predict_proba", X), call("predict", X),
                         call("compute_loss", p, y), call("compute_gradients", X, y, p),
                         call("fit", X, y, lr=0.1, epochs=3)), CLASS, (d,))
    return workload, (standard.vector(n), lambda value, what: as_binary_labels(value, n, what),
                      standard.scalar, standard.pair(standard.vector(d), standard.scalar),
                      lambda value, what: as_history(value, 3, what))


test_output_shapes = standard.output_shapes(
    shaped_calls, EDGE_SIZES,
    doc="predict_proba and predict return (n,) arrays (predict of integers), compute_loss a "
        "float, compute_gradients (dw (d,), float db), fit a list of losses, including one "
        "sample and one feature.")


# --- correctness ----------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec (and the first-step check) needs zeros: self.w = np.zeros(n_features); "
    "self.b = 0.0. The cross-entropy of a linear model is convex, so there is no symmetry to "
    "break and zeros are the reproducible choice.")


@check("correctness")
def test_predict_proba_values(candidate, rng, seed):
    """predict_proba(X) is sigmoid(X @ w + b) = 1 / (1 + exp(-(X @ w + b))) for the model's
    current w and b."""
    n, d = 20, 3
    X, _ = make_classification(rng, n, d)
    w, b = random_parameters(rng, d)
    p = as_vector(new_model(candidate, w, b).call("predict_proba", X), n, "predict_proba(X)")
    z = X @ w + b
    expected = sigmoid(z)
    if close(p, expected):
        return
    known = {"b is missing: use sigmoid(X @ w + b)": sigmoid(X @ w),
             "it returns the logits z = X @ w + b: apply the sigmoid 1 / (1 + np.exp(-z))": z,
             "it returns 1 - p, the probability of class 0: the sign inside exp is flipped; "
             "p = 1 / (1 + np.exp(-z))": sigmoid(-z)}
    meaning = next((m for m, value in known.items() if close(p, value)), "")
    fail(f"predict_proba(X) is not sigmoid(X @ w + b){': ' + meaning if meaning else ''}: "
         f"{worst_gap(p, expected)} (w and b set to random values, {data_note(seed, X=X)[1:-1]})")


@check("correctness")
def test_predict_threshold(candidate, rng, seed):
    """predict(X) is 1 exactly where predict_proba(X) >= 0.5, so 1 at p = 0.5 (w = 0, b = 0)."""
    n, d = 12, 3
    X, _ = make_classification(rng, n, d)
    labels = as_vector(new_model(candidate, np.zeros(d), 0.0).call("predict", X), n,
                       "predict(X) with w = 0 and b = 0")
    if not np.all(labels == 1):
        fail(f"with w = 0 and b = 0 every probability is exactly 0.5, and predict must return "
             f"1 there (the rule is p >= 0.5), but yours returned {np.sum(labels == 0)} zeros "
             f"of {n}: np.round(0.5) is 0.0 (NumPy rounds halves to the even number) and "
             f"p > 0.5 is False. Use (p >= 0.5).astype(int) {data_note(seed, X=X)}")
    X, _ = make_classification(rng, 40, d)
    w, b = random_parameters(rng, d)
    model = new_model(candidate, w, b)
    labels = as_vector(model.call("predict", X), 40, "predict(X)")
    expected = (sigmoid(X @ w + b) >= 0.5).astype(int)
    if np.array_equal(labels, expected):
        return
    flipped = " (every label is flipped: 1 must mean p >= 0.5)" if np.all(labels != expected) \
        else ""
    yours = as_vector(model.call("predict_proba", X), 40, "predict_proba(X)")
    if not flipped and np.array_equal(labels, (yours >= 0.5).astype(int)):
        flipped = (": your predict thresholds your predict_proba rightly, and predict_proba is "
                   "what is wrong (predict_proba_values says how)")
    fail(f"predict(X) differs from (sigmoid(X @ w + b) >= 0.5) at {np.sum(labels != expected)} "
         f"of 40 samples{flipped} (w and b set to random values, {data_note(seed, X=X)[1:-1]})")


def loss_mistake(loss, p, y) -> str:
    """Name the classic mistake that explains a wrong cross-entropy, or ''."""
    expected = binary_cross_entropy(p, y)
    known = {
        expected * len(y): "the sum over the samples: take the mean (np.mean)",
        -expected: "the negative of the loss: cross-entropy is -mean(y log p + (1-y) log(1-p))",
        expected / np.log(2): "in bits (np.log2): use the natural log np.log",
        expected / np.log(10): "in base 10 (np.log10): use the natural log np.log",
        binary_cross_entropy(1 - p, y): "y and 1 - y are swapped: y multiplies log(p)",
        float(-np.mean(y * np.log(p))): "the (1 - y) * log(1 - p) term is missing",
        float(np.mean((p - y) ** 2)): "the mean squared error: use the cross-entropy",
        binary_cross_entropy(p, y[:, None]): "averaged over an (n, n) matrix: y became a "
                                             "column (n, 1) and broadcast against p (n,); "
                                             "keep y 1-D",
    }
    return next((meaning for value, meaning in known.items() if close(loss, value)), "")


@check("correctness")
def test_loss_values(candidate, rng, seed):
    """compute_loss(p, y) is the mean binary cross-entropy
    -mean(y * log(p) + (1 - y) * log(1 - p))."""
    n, d = 25, 2
    y = (rng.random(n) < 0.5).astype(float)
    p = rng.uniform(0.02, 0.98, size=n)
    loss = as_float(candidate.new(CLASS, d).call("compute_loss", p, y), "compute_loss(p, y)")
    expected = binary_cross_entropy(p, y)
    if close(loss, expected):
        return
    meaning = loss_mistake(loss, p, y)
    fail(f"compute_loss returned {loss:.6g}, expected {expected:.6g}"
         f"{': yours is ' + meaning if meaning else precision_note(loss, expected)} "
         f"{data_note(seed, p=p, y=y)}. Fix: {FIX_LOSS}.")


def clipping_mistake(loss, p, y) -> str:
    """What a finite but wrong loss on saturated probabilities did instead of clipping p."""
    with np.errstate(all="ignore"):
        known = {"it adds eps inside the logs (np.log(p + eps)) instead of clipping p":
                 float(-np.mean(y * np.log(p + CLIP) + (1 - y) * np.log(1 - p + CLIP))),
                 "it clips 1 - p separately (to 1e-15) instead of clipping p itself "
                 "(1 - (1 - 1e-15) is 1.11e-15 in float64, not 1e-15)":
                 float(-np.mean(y * np.log(np.clip(p, CLIP, 1)) +
                                (1 - y) * np.log(np.clip(1 - p, CLIP, 1))))}
        for eps in (1e-16, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5):
            known[f"it clips at {eps:g} instead of 1e-15"] = binary_cross_entropy(p, y, eps)
    return next((meaning for meaning, value in known.items() if close(loss, value)), "")


@check("correctness")
def test_loss_clipping(candidate, rng, seed):
    """With probabilities of exactly 0 and 1, compute_loss stays finite: p is clipped to
    [1e-15, 1 - 1e-15] before the logs."""
    p = np.array([0.0, 1.0, 0.0, 1.0, 0.3, 1e-300, 0.9])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    order = rng.permutation(len(p))
    p, y = p[order], y[order]
    loss = as_float(candidate.new(CLASS, 2).call("compute_loss", p, y),
                    "compute_loss(p, y) with p containing 0 and 1")
    expected = binary_cross_entropy(p, y)
    if close(loss, expected):
        return
    shown = f"p = {np.array2string(p, precision=3)}, y = {y.astype(int)} (seed {seed})"
    if not np.isfinite(loss):
        fail(f"compute_loss returned {loss} for {shown}: log(0) is -inf, and 0 * log(0) is "
             f"nan, so once a probability reaches exactly 0 or 1 (the sigmoid of z > 37 "
             f"rounds to 1.0) the loss is no longer a number. Clip first: {FIX_LOSS} "
             f"(expected {expected:.6g}).")
    meaning = clipping_mistake(loss, p, y) or loss_mistake(loss, p, y)
    fail(f"compute_loss returned {loss:.10g} for {shown}, expected {expected:.10g}"
         f"{': ' + meaning if meaning else ''}. The spec's convention: {FIX_LOSS}.")


def gradient_mistake(kata, dw, db, X, y, p, w, b) -> str:
    """Name the classic mistake that explains a wrong gradient, or ''."""
    n = len(y)
    right_dw, right_db = X.T @ (p - y) / n, float(np.mean(p - y))
    named = factor_mistake(kata.mistakes["gradient"], {"dw": (dw, right_dw),
                                                       "db": (db, right_db)}, n=n)
    if named:
        return named
    squared = (p - y) * p * (1 - p)
    for factor in (2.0, 1.0):
        if close(dw, factor * X.T @ squared / n) and close(db, factor * np.mean(squared)):
            return ("the gradient is that of the squared error (p - y)**2 through the sigmoid "
                    "(it carries p * (1 - p)): the cross-entropy's gradient is simply p - y")
    penalty = float((dw - right_dw) @ w / (w @ w))  # dw = right + penalty * w ?
    if abs(penalty) > 1e-9 and close(dw, right_dw + penalty * w):
        if close(db, right_db):
            return (f"dw carries a penalty term {penalty:.3g} * w (an L2 penalty): this kata "
                    "has no penalty; drop it")
        if close(db, right_db + penalty * b):
            return (f"dw and db carry a penalty term ({penalty:.3g} * w and {penalty:.3g} * b): "
                    "this kata has no penalty at all, and no penalty ever applies to the bias")
    if close(dw, right_dw) and not close(db, right_db):
        return "dw is right but db is " + ("0: db = np.mean(p - y)" if close(db, 0.0) else
                                           "not: db = np.mean(p - y)")
    if close(db, right_db) and not close(dw, right_dw):
        return "db is right but dw is not: dw = X.T @ (p - y) / n"
    return ""


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """compute_gradients(X, y, p) returns dw = X.T @ (p - y) / n and db = mean(p - y): the
    gradient of the mean cross-entropy, as central finite differences confirm."""
    n, d = 40, 3
    X, y = make_classification(rng, n, d)
    w, b = random_parameters(rng, d)
    p = sigmoid(X @ w + b)
    dw, db = candidate_gradients(new_model(candidate, w, b), X, y, p)
    design = np.column_stack([X, np.ones(n)])
    numeric = gradcheck.numerical_gradient(
        lambda theta: binary_cross_entropy(sigmoid(design @ theta), y), np.append(w, b))
    yours = np.append(dw, db)
    error = gradcheck.relative_error(yours, numeric)
    if error < gradcheck.TOLERANCE:
        uses_the_p_given(candidate, rng, X, y, w, b, seed)
        return
    mistake = gradient_mistake(kata, dw, db, X, y, p, w, b) or "wrong gradients"
    fail(f"{mistake}: central finite differences of the mean cross-entropy give "
         f"{np.array2string(numeric, precision=5)} for [dw, db], yours is "
         f"{np.array2string(yours, precision=5)} (relative error {error:.2g}; w and b set "
         f"to random values, p = sigmoid(X @ w + b), {data_note(seed, X=X, y=y)[1:-1]}). "
         f"Fix: {FIX_GRADIENT}.")


def uses_the_p_given(candidate, rng, X, y, w, b, seed) -> None:
    """compute_gradients works from the p it is handed (what fit passes it), not from p
    recomputed with the model's own w and b."""
    def gradients(p):  # [dw, db] for the probabilities p
        return np.append(X.T @ (p - y) / len(y), np.mean(p - y))

    other = sigmoid(X @ random_parameters(rng, X.shape[1])[0])
    dw, db = candidate_gradients(new_model(candidate, w, b), X, y, other)
    expected = gradients(other)
    if close(np.append(dw, db), expected):
        return
    recomputed = close(np.append(dw, db), gradients(sigmoid(X @ w + b)))
    fail("compute_gradients(X, y, p) " + (
        "ignores the p it is given and recomputes it from the model's w and b: use the p "
        "passed in, dw = X.T @ (p - y) / n" if recomputed else
        f"is not X.T @ (p - y) / n, mean(p - y) for this p: "
        f"{worst_gap(np.append(dw, db), expected)}")
        + f" (p = sigmoid of other parameters than the model's, {data_note(seed, X=X, y=y)[1:-1]})")


def candidate_gradients(model, X, y, p):
    gradients = model.call("compute_gradients", X, y, p)
    if not isinstance(gradients, (tuple, list)) or len(gradients) != 2:
        fail(f"compute_gradients should return (dw, db), not {returned(gradients)}")
    return as_vector(gradients[0], X.shape[1], "dw"), as_float(gradients[1], "db")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_first_step(candidate, rng, seed, kata):
    """From zero parameters the first recorded loss is log(2), and one epoch moves w to
    -lr * X.T @ (0.5 - y) / n and b to -lr * mean(0.5 - y)."""
    n, d, lr = 31, 3, 0.5  # n odd: mean(y) != 0.5, so b must move in the first step
    X, y = make_classification(rng, n, d)
    note = data_note(seed, X=X, y=y)
    model = candidate.new(CLASS, d)
    start = np.append(as_vector(model.get("w"), d, "w of a new model"),
                      as_float(model.get("b"), "b of a new model"))
    if not close(start, 0):
        fail(f"a new model starts at [w, b] = {np.round(start, 4)}, not at zero, so its first "
             f"loss cannot be log(2) and its first step differs: initialise w = "
             f"np.zeros(n_features) and b = 0.0 {note}")
    history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1,
                         f"fit(X, y, lr={lr}, epochs=1)")
    w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
    expected_w, expected_b = -lr * X.T @ (0.5 - y) / n, -lr * float(np.mean(0.5 - y))
    if not close(history[0], np.log(2), rtol=1e-12):
        after = binary_cross_entropy(sigmoid(X @ expected_w + expected_b), y)
        meanings = {"the loss after the update: record the loss first, then update": after,
                    "log2(2) = 1: use the natural log np.log": 1.0,
                    "n * log(2): the loss is the mean over the samples, not the sum":
                        n * np.log(2)}
        meaning = next((m for m, v in meanings.items() if close(history[0], v)), "")
        fail(f"the first recorded loss is {history[0]:.12g}, but with w = 0 and b = 0 every "
             f"p is 0.5 and the loss must be log(2) = {np.log(2):.12g}"
             f"{': yours is ' + meaning if meaning else precision_note(history[0], np.log(2))}"
             f" {note}")
    if close(w, 0) and close(b, 0):
        fail(f"after one epoch w and b are still zero: fit must update them {note}")
    if close(w, expected_w) and close(b, 0) and not close(expected_b, 0):
        fail(f"after one epoch w is right but b is still 0.0: the bias is never updated; "
             f"each epoch also does b = b - lr * db {note}")
    if not (close(w, expected_w) and close(b, expected_b)):
        mistake = factor_mistake(kata.mistakes["gradient"],
                                 {"dw": (-w / lr, -expected_w / lr),
                                  "db": (-b / lr, -expected_b / lr)}, n=n)
        fail(f"one epoch from zero should give w = -lr * X.T @ (0.5 - y) / n and "
             f"b = -lr * mean(0.5 - y): "
             f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))} "
             f"{note}. Update with w = w - lr * dw, b = b - lr * db.")


def variant_history(X, y, lr, epochs, grad_scale=1.0, loss_after=False, update_b=True,
                    squared_error=False, log2=False, dtype=np.float64):
    """Known-wrong versions of batch gradient descent, to name the one a learner wrote."""
    X, y = X.astype(dtype), y.astype(dtype)
    n = len(y)
    w, b, history = np.zeros(X.shape[1], dtype), dtype(0), []

    def loss():
        value = binary_cross_entropy(sigmoid(X @ w + b).astype(dtype), y)
        return value / np.log(2) if log2 else value

    for _ in range(epochs):
        if not loss_after:
            history.append(loss())
        p = sigmoid(X @ w + b).astype(dtype)
        error = (p - y) * (2 * p * (1 - p) if squared_error else 1)
        w = w - dtype(lr * grad_scale) * (X.T @ error) / dtype(n)
        if update_b:
            b = b - dtype(lr * grad_scale) * np.mean(error)
        if loss_after:
            history.append(loss())
    return np.array(history)


BIAS_FORGOTTEN = "b is never updated (the bias is forgotten)"
VARIANTS = {
    "the gradient is not divided by n": dict(grad_scale=None),
    "the step goes uphill (w + lr * dw: a sign error)": dict(grad_scale=-1.0),
    "the loss is recorded after the update instead of before": dict(loss_after=True),
    BIAS_FORGOTTEN: dict(update_b=False),
    "the gradient is that of the squared error through the sigmoid": dict(squared_error=True),
    "the loss is in bits (np.log2)": dict(log2=True),
    "it computes in float32 instead of float64": dict(dtype=np.float32),
}


def closest_variant(history, X, y, lr, epochs) -> str:
    best, best_gap = "", np.inf
    for meaning, options in VARIANTS.items():
        options = dict(options)
        if options.get("grad_scale", 1.0) is None:
            options["grad_scale"] = len(y)
        with np.errstate(all="ignore"):
            gap = float(np.nanmax(np.abs(variant_history(X, y, lr, epochs, **options)
                                         - history)))
        if np.isfinite(gap) and gap < best_gap:
            best, best_gap = meaning, gap
    return best if best_gap < 1e-5 else ""


@check("convergence")
def test_trajectory(candidate, reference, rng, seed):
    """The whole loss history, before convergence, follows batch gradient descent (integer
    labels y)."""
    n, d, lr, epochs = 80, 4, 0.5, 40
    X, y = make_classification(rng, n, d, dtype=int)
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs),
                         epochs, f"fit(X, y, lr={lr}, epochs={epochs})")
    expected = reference_fit(reference, X, y, lr, epochs)[0]
    if same_trajectory(history, expected):
        return
    differs = int(np.argmax(~np.isclose(history, expected, rtol=1e-8, equal_nan=True)))
    meaning = closest_variant(history, X, y, lr, epochs)
    if meaning == BIAS_FORGOTTEN and not close(as_float(model.get("b"), "b"), 0):
        meaning = ("b changes during fit but has no effect on the loss: predict_proba (or "
                   "the loss in fit) leaves it out; p = sigmoid(X @ w + b)")
    if not meaning and differs == 0:
        meaning = (f"its first loss is not log(2) = {np.log(2):.10g}, the loss of w = 0 and "
                   "b = 0 (does the model start from zero, and is the loss recorded before "
                   "the update?)")
    if not meaning and differs >= 2:
        meaning = ("the first step from zero is right (the first two losses match), so what "
                   "goes wrong later depends on w or b themselves, such as a penalty term "
                   "(this kata has none) or a learning rate that changes")
    fail(f"the loss history is not batch gradient descent's"
         f"{': ' + meaning if meaning else ''}. It first differs at epoch {differs}: yours "
         f"{history[differs]:.10g}, expected {expected[differs]:.10g} "
         f"(lr={lr}, y holds the integers 0 and 1, {data_note(seed, X=X, y=y)[1:-1]}). Each "
         "epoch: p = predict_proba(X) with the current w and b, record compute_loss(p, y), "
         "then step both by -lr times the full-batch gradient.")


@check("convergence")
def test_continues_from_current_parameters(candidate, reference, rng, seed):
    """A second call to fit continues from the current w and b instead of starting over."""
    n, d, lr = 50, 3, 0.5
    X, y = make_classification(rng, n, d)
    model = candidate.new(CLASS, d)
    first = as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "fit(X, y, epochs=5)")
    second = as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "a second fit(...)")
    everything = reference_fit(reference, X, y, lr, 10)[0]
    expected = everything[5:]
    if same_trajectory(second, expected):
        return
    if not same_trajectory(first, everything[:5]):
        raise Unverified(
            "the first fit(epochs=5) already differs from batch gradient descent, so whether a "
            f"second call continues cannot be judged {data_note(seed, X=X, y=y)}",
            "not judged: the first fit(epochs=5) already differs from batch gradient descent; "
            "the failures above come first", depends_on=("convergence",))
    restarted = close(second[0], np.log(2), rtol=1e-9)
    reason = ("the second call started again from zero: do not reset w and b inside fit, "
              "initialise them in __init__" if restarted else
              f"its first loss is {second[0]:.12g}, expected {expected[0]:.12g}"
              + precision_note(second, expected))
    fail(f"after fit(epochs=5), another fit(epochs=5) should pick up where the first stopped; "
         f"{reason} {data_note(seed, X=X, y=y)}")


@check("convergence")
def test_reaches_the_optimum(candidate, rng, seed):
    """On data no hyperplane separates, at a safe learning rate, fit converges to the unique
    minimizer of the mean cross-entropy (found here by Newton's method), the loss going down
    every epoch."""
    n, d, epochs = 200, 3, 300
    X, y = make_classification(rng, n, d, weight=0.5)  # well conditioned: 1e-13 after 300
    lr = largest_safe_lr(X)
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    optimum, best_loss = logistic_optimum(X, y)
    note = data_note(seed, X=X, y=y)
    if not np.all(np.isfinite(found)):
        fail(f"after {epochs} epochs at lr={lr:.3g}, a safe rate for the correct gradient, "
             f"w and b are not finite: your updates diverged (gradient not divided by n?) "
             f"{note}")
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        fail(f"after {epochs} epochs at lr={lr:.3g} (safe: 1 / the largest curvature), [w, b] "
             f"should be the maximum-likelihood solution: {worst_gap(found, optimum)} "
             f"(its loss is {best_loss:.10g}, your last recorded loss {history[-1]:.10g}) "
             f"{note}")
    rises = np.diff(history) > 1e-12 * history[0]
    if np.any(rises):
        epoch = int(np.argmax(rises)) + 1
        fail(f"w and b reach the optimum, but the loss went up at epoch {epoch} although the "
             "learning rate is safe: gradient descent at this rate lowers the loss every "
             f"epoch (yours {history[epoch - 1]:.12g} -> {history[epoch]:.12g}) {note}")


# --- robustness: numerical stability --------------------------------------------------------

EXTREME_Z = np.array([-1000.0, -710.0, -100.0, -36.0, -1.0, 1.0, 36.0, 100.0, 710.0, 1000.0])
"""No z = 0 here: the threshold at p = 0.5 exactly is predict_threshold's business."""


@check("robustness")
def test_extreme_logits(candidate, rng, seed):
    """predict_proba stays right for logits z = X @ w + b as large as +-1000 (0 and 1 up to
    rounding, never nan), and predict follows it."""
    z = EXTREME_Z[rng.permutation(len(EXTREME_Z))]
    X = z[:, None]
    model = new_model(candidate, [1.0], 0.0)
    p = as_vector(model.call("predict_proba", X), len(z), "predict_proba(X)")
    expected = sigmoid(z)
    if not close(p, expected):
        nan_at = z[~np.isfinite(p)]
        if nan_at.size:
            cause = ("np.exp(z) overflows to inf and inf / inf is nan: the form "
                     "np.exp(z) / (1 + np.exp(z)) fails for z > 709" if np.all(nan_at > 0)
                     else "np.exp overflows to inf")
            fail(f"predict_proba gives nan or inf for z = {np.sort(nan_at)}: {cause}. Use "
                 f"{FIX_SIGMOID} (w = [1], b = 0, X = z as one column, seed {seed}).")
        fail(f"predict_proba is not sigmoid(z) for z between -1000 and 1000: "
             f"{worst_gap(p, expected)}. Use {FIX_SIGMOID} (w = [1], b = 0, X = z as one "
             f"column, seed {seed}).")
    labels = as_vector(model.call("predict", X), len(z), "predict(X)")
    if not np.array_equal(labels, (z >= 0).astype(int)):
        fail(f"predict gives {labels} for z = {z}, expected (sigmoid(z) >= 0.5).astype(int) = "
             f"{(z >= 0).astype(int)} (w = [1], b = 0, seed {seed})")


@check("robustness")
def test_stable_on_separable_data(candidate, reference, rng, seed):
    """On separable data with large features (|z| in the thousands, probabilities of exactly
    0 and 1), fit keeps a finite loss history and trains as the reference does; overflow
    warnings alone never fail this."""
    n, d, lr, epochs = 40, 3, 0.1, 30
    X, y = make_classification(rng, n, d, scale=1000.0, separable=True)
    note = data_note(seed, X=X, y=y)
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr}, epochs={epochs})")
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    expected_history, w, b = reference_fit(reference, X, y, lr, epochs)
    expected = np.append(w, b)
    if not np.all(np.isfinite(found)):
        fail(f"after {epochs} epochs w and b contain nan or inf: predict_proba must have "
             "returned nan for a large z (np.exp(z) / (1 + np.exp(z)) is inf / inf = nan "
             f"for z > 709). Use {FIX_SIGMOID} {note}, features of size about 1000.")
    if not np.all(np.isfinite(history)):
        epoch = int(np.argmax(~np.isfinite(history)))
        fail(f"the loss history is {history[epoch]} from epoch {epoch} on: with features of "
             "size about 1000 the probabilities reach exactly 0 and 1, and log(0) = -inf "
             f"(0 * log(0) = nan). Clip before the logs: {FIX_LOSS} {note}")
    if not np.allclose(found, expected, rtol=1e-8, atol=1e-10 * np.max(np.abs(expected))):
        fail(f"on separable data with large features, after {epochs} epochs at lr={lr}, "
             f"[w, b] differs from gradient descent's: {worst_gap(found, expected)}. If a "
             "check of the gradient or the trajectory fails too, that is the cause; "
             f"otherwise look at how p is computed for |z| in the thousands {note}")


test_inputs_untouched = standard.inputs_untouched(
    lambda rng: [Workload((c,), CLASS, (3,)) for c in _each_method(rng, 30, 3, saturated=True)],
    doc="predict_proba, predict, compute_loss, compute_gradients and fit leave their input "
        "arrays unchanged.")


def _each_method(rng, n, d, saturated=False):
    """Each method once; ``saturated`` puts probabilities of exactly 0 and 1 into p (so that
    clipping p in place changes it)."""
    X, y = make_classification(rng, n, d)
    p = rng.uniform(0.05, 0.95, size=n)
    if saturated:
        p[:2] = 0.0, 1.0
    return (call("predict_proba", X), call("predict", X), call("compute_loss", p, y),
            call("compute_gradients", X, y, p), call("fit", X, y, lr=0.1, epochs=3))


# --- vectorization --------------------------------------------------------------------------

LOOP_ADVICE = ("Replace the loop with whole-array operations (X @ w, X.T @ (p - y), np.exp, "
               "np.mean, comparisons); only the loop over epochs may stay.")
EPOCHS = "the loop over epochs"


def work_at(rng, n, d):
    return Workload(_each_method(rng, n, d), CLASS, (d,), f"X {(n, d)}")


test_no_loop_over_samples = standard.no_loop(work_at, "samples", {"n": (64, 512), "d": 4},
                                             LOOP_ADVICE, allowed=EPOCHS)
test_no_loop_over_features = standard.no_loop(work_at, "features", {"n": 64, "d": (2, 16)},
                                              LOOP_ADVICE, allowed=EPOCHS)


# --- performance ----------------------------------------------------------------------------

def big_data(rng):
    X, y = make_classification(rng, 20_000, 20)
    return {"X": X, "y": y}


_FIT = Workload((call("fit", stored("X"), stored("y"), epochs=1),
                 call("fit", stored("X"), stored("y"), lr=0.1, epochs=10)), CLASS, (20,))
test_speed_at_scale = standard.speed(
    big_data, [(_FIT, "10 epochs of fit on X (20000, 20)")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map, functools.reduce, [*X]) or large copies "
    "of X made every epoch, and use whole-array operations.",
    doc="fit on 20,000 x 20 data runs in time and memory comparable to the reference.")
