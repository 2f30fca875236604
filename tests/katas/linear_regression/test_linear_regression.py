"""Hidden checks for the linear_regression kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's class only ever runs in the sandboxed worker behind ``candidate``.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, factor_mistake, fail,
                            precision_note, returned, worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, inputs_untouched_check,
                                          largest_stable_lr, make_data, output_shapes_check,
                                          same_trajectory, speed_check, work_at,
                                          zero_init_check)
from katakit.author.standard import no_loop

CLASS = "LinearRegression"
FIX_GRADIENT = "dw = (2 / n) * X.T @ (y_hat - y) and db = (2 / n) * np.sum(y_hat - y)"


def reference_fit(reference, X, y, lr, epochs, w=None, b=0.0):
    model = reference.LinearRegression(X.shape[1])
    if w is not None:
        model.w, model.b = np.array(w, dtype=float), float(b)
    history = model.fit(X, y, lr=lr, epochs=epochs)
    return np.array(history), model.w, model.b


# --- shapes ---------------------------------------------------------------------------------

test_output_shapes = output_shapes_check(CLASS)


# --- correctness ----------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec (and the first-step check) needs zeros: self.w = np.zeros(n_features); "
    "self.b = 0.0. The MSE is convex, so there is no symmetry to break and zeros are the "
    "reproducible choice.")


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) equals X @ w + b for the model's current w and b."""
    check_predict_values(candidate, rng, seed, CLASS)


@check("correctness")
def test_loss_values(candidate, rng, seed):
    """compute_loss is the mean squared error mean((y_hat - y)**2)."""
    y, y_hat = rng.normal(size=25), rng.normal(size=25)
    model = candidate.new(CLASS, 2)
    loss = as_float(model.call("compute_loss", y_hat, y), "compute_loss(y_hat, y)")
    expected = float(np.mean((y_hat - y) ** 2))
    if close(loss, expected):
        return
    known = {expected / 2: "half the MSE: the 1/(2n) convention. This spec uses plain "
                           "np.mean((y_hat - y) ** 2)",
             expected * 25: "the sum of squared errors: divide by n (use np.mean)",
             np.sqrt(expected): "the root mean squared error: drop the square root",
             float(np.mean(np.abs(y_hat - y))): "the mean absolute error: square the errors"}
    for value, meaning in known.items():
        if close(loss, value):
            fail(f"compute_loss returned {loss:.6g}, {meaning} (expected {expected:.6g})")
    fail(f"compute_loss is not mean((y_hat - y)**2): {worst_gap(loss, expected)} "
         f"{data_note(seed, y=y, y_hat=y_hat)}")


def gradient_mistake(kata, dw, db, expected_dw, expected_db, n) -> str:
    """Name the classic mistake that explains a wrong gradient, or ''."""
    return factor_mistake(kata.mistakes["gradient"], {"dw": (dw, expected_dw),
                                                      "db": (db, expected_db)}, n=n)


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """compute_gradients returns dw = (2/n) X.T @ (y_hat - y) and db = (2/n) sum(y_hat - y)."""
    n, d = 40, 3
    X, y = make_data(rng, n, d)
    y_hat = rng.normal(size=n)
    model = candidate.new(CLASS, d)
    gradients = model.call("compute_gradients", X, y, y_hat)
    if not isinstance(gradients, (tuple, list)) or len(gradients) != 2:
        fail(f"compute_gradients should return (dw, db), not {returned(gradients)}")
    dw = as_vector(gradients[0], d, "dw")
    db = as_float(gradients[1], "db")
    expected_dw, expected_db = 2 / n * X.T @ (y_hat - y), 2 / n * float(np.sum(y_hat - y))
    if close(dw, expected_dw) and close(db, expected_db):
        return
    mistake = gradient_mistake(kata, dw, db, expected_dw, expected_db, n)
    gap = worst_gap(np.append(dw, db), np.append(expected_dw, expected_db))
    fail(f"{mistake or 'wrong gradients'}: {gap} {data_note(seed, X=X, y=y)}. "
         f"Fix: {FIX_GRADIENT}.")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_first_step(candidate, rng, seed, kata):
    """From zero parameters, the first loss is mean(y**2) and one epoch moves w to
    lr * (2/n) X.T @ y and b to lr * (2/n) sum(y)."""
    n, d, lr = 30, 3, 0.05
    X, y = make_data(rng, n, d)
    note = data_note(seed, X=X, y=y)
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
    w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
    first_loss = float(np.mean(y ** 2))
    expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
    if not close(history[0], first_loss, rtol=1e-12):
        after = float(np.mean((X @ expected_w + expected_b - y) ** 2))
        meaning = {True: "the loss after the update: record the loss first, then update"}.get(
            close(history[0], after), "")
        if close(history[0], first_loss / 2):
            meaning = "half of it: the 1/(2n) convention; this spec uses plain MSE"
        meaning = meaning or precision_note(history[0], first_loss)[2:]
        fail(f"the first recorded loss is {history[0]:.12g}, but with w = 0 and b = 0 it must "
             f"be mean(y**2) = {first_loss:.12g}{': ' + meaning if meaning else ''} {note}")
    if close(w, 0) and close(b, 0):
        fail(f"after one epoch w and b are still zero: fit must update them {note}")
    if not (close(w, expected_w) and close(b, expected_b)):
        mistake = gradient_mistake(kata, -w / lr, -b / lr, -expected_w / lr, -expected_b / lr,
                                   n)
        fail(f"one epoch from zero should give w = lr*(2/n)*X.T@y and b = lr*(2/n)*sum(y): "
             f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))} "
             f"{note}. Update with w = w - lr * dw, b = b - lr * db.")


def variant_history(X, y, lr, epochs, grad_scale=1.0, loss_after=False, loss_scale=1.0,
                    dtype=np.float64, per_sample=False):
    """Known-wrong versions of batch gradient descent, to name the one a learner wrote."""
    X, y = X.astype(dtype), y.astype(dtype)
    n = len(y)
    w, b, history = np.zeros(X.shape[1], dtype), dtype(0), []
    for _ in range(epochs):
        if not loss_after:
            history.append(loss_scale * float(np.mean((X @ w + b - y) ** 2)))
        rows = [slice(i, i + 1) for i in range(n)] if per_sample else [slice(None)]
        for rows_ in rows:
            err = X[rows_] @ w + b - y[rows_]
            w = w - dtype(lr * grad_scale * 2 / len(err)) * (X[rows_].T @ err)
            b = b - dtype(lr * grad_scale * 2 / len(err)) * np.sum(err)
        if loss_after:
            history.append(loss_scale * float(np.mean((X @ w + b - y) ** 2)))
    return np.array(history)


VARIANTS = {
    "the gradient is not divided by n": dict(grad_scale=None),
    "the gradient is half of (2/n) X.T @ err (the 1/(2n) convention)": dict(grad_scale=0.5),
    "the 1/(2n) convention in both loss and gradient": dict(grad_scale=0.5, loss_scale=0.5),
    "the loss is recorded after the update instead of before": dict(loss_after=True),
    "the step goes uphill (w + lr * dw: a sign error)": dict(grad_scale=-1.0),
    "it computes in float32 instead of float64": dict(dtype=np.float32),
    "it updates once per sample (stochastic GD), not once per epoch": dict(per_sample=True),
}


def closest_variant(history, X, y, lr, epochs) -> str:
    scale = float(np.mean(y ** 2))
    best, best_gap = "", np.inf
    for meaning, options in VARIANTS.items():
        options = dict(options)
        if options.get("grad_scale", 1.0) is None:  # 2 X.T @ err is n times (2/n) X.T @ err
            options["grad_scale"] = len(y)
        with np.errstate(all="ignore"):
            candidate = variant_history(X, y, lr, epochs, **options)
            gap = float(np.nanmax(np.abs(candidate - history) / scale))
        if np.isfinite(gap) and gap < best_gap:
            best, best_gap = meaning, gap
    return best if best_gap < 1e-5 else ""


@check("convergence")
def test_trajectory(candidate, reference, rng, seed):
    """The whole loss history, before convergence, follows batch gradient descent."""
    n, d, lr, epochs = 80, 4, 0.02, 40
    X, y = make_data(rng, n, d)
    history = as_history(candidate.new(CLASS, d).call("fit", X, y, lr=lr, epochs=epochs),
                         epochs, f"fit(X, y, lr={lr}, epochs={epochs})")
    expected = reference_fit(reference, X, y, lr, epochs)[0]
    if same_trajectory(history, expected):
        return
    differs = int(np.argmax(~np.isclose(history, expected, rtol=1e-8, equal_nan=True)))
    meaning = closest_variant(history, X, y, lr, epochs)
    fail(f"the loss history is not batch gradient descent's"
         f"{': ' + meaning if meaning else ''}. It first differs at epoch {differs}: yours "
         f"{history[differs]:.10g}, expected {expected[differs]:.10g} "
         f"(lr={lr}, {data_note(seed, X=X, y=y)[1:-1]}). Each epoch: predict with the current "
         "w and b, record the loss, then step both by -lr times the full-batch gradient.")


@check("convergence")
def test_continues_from_current_parameters(candidate, reference, rng, seed):
    """A second call to fit continues from the current w and b instead of starting over."""
    n, d, lr = 50, 3, 0.02
    X, y = make_data(rng, n, d)
    model = candidate.new(CLASS, d)
    as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "fit(X, y, epochs=5)")
    second = as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "a second fit(...)")
    expected = reference_fit(reference, X, y, lr, 10)[0][5:]
    if same_trajectory(second, expected):
        return
    restarted = close(second[0], np.mean(y ** 2), rtol=1e-9)
    reason = ("the second call started again from zero: do not reset w and b inside fit, "
              "initialise them in __init__" if restarted else
              f"its first loss is {second[0]:.12g}, expected {expected[0]:.12g}"
              + precision_note(second, expected))
    fail(f"after fit(epochs=5), another fit(epochs=5) should pick up where the first stopped; "
         f"{reason} {data_note(seed, X=X, y=y)}")


@check("convergence")
def test_reaches_least_squares(candidate, reference, rng, seed):
    """At a safe learning rate, fit converges to the exact least-squares solution, by gradient
    descent all the way."""
    n, d = 200, 3
    X, y = make_data(rng, n, d)
    X = X * np.array([1.0, 2.5, 6.0])  # unequal scales: GD needs hundreds of epochs to settle
    lr = largest_stable_lr(X) / 2
    epochs = 1500
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    design = np.column_stack([X, np.ones(n)])
    optimum = np.linalg.lstsq(design, y, rcond=None)[0]
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    if not np.all(np.isfinite(found)):
        fail(f"after {epochs} epochs at lr={lr:.3g}, half the largest stable rate for the "
             f"correct gradient, w and b are {'nan' if np.any(np.isnan(found)) else 'inf'}: "
             "your updates diverged, so your gradient is too large (not divided by n?) "
             f"{data_note(seed, X=X, y=y)}")
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        fail(f"after {epochs} epochs at lr={lr:.3g} (half the largest stable rate), [w, b] "
             f"should be the least-squares solution: {worst_gap(found, optimum)} "
             f"{data_note(seed, X=X, y=y)}")
    if np.any(np.diff(history) > 1e-12 * history[0]):
        epoch = int(np.argmax(np.diff(history) > 1e-12 * history[0])) + 1
        rounding = history[epoch] - history[epoch - 1] < 1e-5 * history[0]
        fail(f"the loss went up at epoch {epoch} although the learning rate is safe: batch GD "
             "on MSE decreases the loss every epoch here" + (
                 " (by a rounding-sized step: are you computing in float32?)" if rounding
                 else ""))
    expected = reference_fit(reference, X, y, lr, epochs)[0]
    if not same_trajectory(history, expected):
        epoch = int(np.argmax(~np.isclose(history, expected, rtol=1e-8,
                                          atol=1e-10 * expected[0])))
        fail(f"w and b end at the least-squares solution, but over {epochs} epochs the loss "
             f"history leaves gradient descent's path at epoch {epoch} (yours "
             f"{history[epoch]:.10g}, expected {expected[epoch]:.10g}). Keep lr fixed, run "
             "every epoch (no early stop, no padding) and take only gradient steps (no jump "
             f"to the closed form) {data_note(seed, X=X, y=y)}")


@check("convergence")
def test_diverges_at_unsafe_lr(candidate, rng, seed):
    """Above the stable learning rate 2 / lambda_max, the loss blows up as gradient descent's
    does (no clipping, no early stopping)."""
    n, d, epochs = 60, 3, 40
    X, y = make_data(rng, n, d)
    lr = 1.5 * largest_stable_lr(X)
    history = as_history(candidate.new(CLASS, d).call("fit", X, y, lr=lr, epochs=epochs),
                         epochs, f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    if not np.all(np.isfinite(history)) or history[-1] > 1e6 * history[0]:
        return
    fail(f"at lr={lr:.3g}, 1.5x the largest stable rate {largest_stable_lr(X):.3g}, plain "
         f"gradient descent diverges, but your loss went from {history[0]:.4g} to "
         f"{history[-1]:.4g}: is the step clipped, normalized or skipped, or is your gradient "
         "smaller than (2/n) X.T @ err (the 1/(2n) convention halves it)? "
         f"{data_note(seed, X=X, y=y)}")


# --- vectorization --------------------------------------------------------------------------

LOOP_ADVICE = ("Replace the loop with whole-array operations (X @ w, X.T @ err, np.mean, "
               "np.sum); only the loop over epochs may stay.")
EPOCHS = "the loop over epochs"
test_no_loop_over_samples = no_loop(work_at(CLASS), "samples", {"n": (64, 512), "d": 4},
                                    LOOP_ADVICE, allowed=EPOCHS)
test_no_loop_over_features = no_loop(work_at(CLASS), "features", {"n": 64, "d": (2, 16)},
                                     LOOP_ADVICE, allowed=EPOCHS)

# --- robustness and performance -------------------------------------------------------------

test_inputs_untouched = inputs_untouched_check(CLASS)
test_speed_at_scale = speed_check(CLASS)
