"""Hidden checks for the linear_regression kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's class only ever runs in the sandboxed worker behind ``candidate``.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, factor_mistake, fail,
                            precision, returned, worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, closest_variant,
                                          continues_check, first_difference, first_step_check,
                                          fresh_model, inputs_untouched_check,
                                          largest_stable_lr, least_squares, make_data,
                                          output_shapes_check, parameters, same_trajectory,
                                          speed_check, trajectory_check, work_at,
                                          zero_init_check)
from katakit.author.standard import no_loop

CLASS = "LinearRegression"
FIX_GRADIENT = "dw = (2 / n) * X.T @ (y_hat - y) and db = (2 / n) * np.sum(y_hat - y)"


def reference_fit(reference, X, y, lr, epochs, w=None, b=0.0) -> np.ndarray:
    """The reference's loss history, from zero or from (w, b)."""
    model = reference.LinearRegression(X.shape[1])
    if w is not None:
        model.w, model.b = np.array(w, dtype=float), float(b)
    return np.array(model.fit(X, y, lr=lr, epochs=epochs))


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


def gradient_mistake(kata, dw, db, X, y, y_hat, w=None, b=None) -> str:
    """Name the classic mistake that explains a wrong gradient at y_hat, or ''."""
    n = len(y)
    return factor_mistake(kata.mistakes["gradient"],
                          {"dw": (dw, 2 / n * X.T @ (y_hat - y)),
                           "db": (db, 2 / n * float(np.sum(y_hat - y)))}, n=n)


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """compute_gradients returns dw = (2/n) X.T @ (y_hat - y) and db = (2/n) np.sum(y_hat - y)."""
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
    mistake = gradient_mistake(kata, dw, db, X, y, y_hat)
    gap = worst_gap(np.append(dw, db), np.append(expected_dw, expected_db))
    fail(f"{mistake or 'wrong gradients'}: {gap} {data_note(seed, X=X, y=y)}. "
         f"Fix: {FIX_GRADIENT}.")


# --- convergence ----------------------------------------------------------------------------

test_first_step = first_step_check(CLASS, gradient_mistake)


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


def name_variant(history, X, y, lr, epochs, skip=0) -> str:
    """The known-wrong version of batch GD whose epochs skip.. produced ``history``, or ''."""
    replays = {meaning: (lambda options=options: variant_history(
        X, y, lr, epochs, **{**options, "grad_scale": options.get("grad_scale", 1.0) or len(y)}
    )[skip:]) for meaning, options in VARIANTS.items()}  # grad_scale None: 2 X.T @ err
    return closest_variant(history, replays, float(np.mean(y ** 2)))


test_trajectory = trajectory_check(
    CLASS, name_variant, "batch gradient descent",
    "Each epoch: predict with the current w and b, record the loss, then step both by -lr "
    "times the full-batch gradient.")


test_continues_from_current_parameters = continues_check(CLASS, name_variant=name_variant)


@check("convergence")
def test_reaches_least_squares(candidate, reference, rng, seed):
    """At a safe learning rate, fit converges to the exact least-squares solution, by gradient
    descent all the way."""
    n, d = 200, 3
    X, y = make_data(rng, n, d)
    X = X * np.array([1.0, 2.5, 6.0])  # unequal scales: GD needs hundreds of epochs to settle
    lr = largest_stable_lr(X) / 2
    epochs = 1500
    model = fresh_model(candidate, CLASS, d)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    optimum = least_squares(X, y)[0]
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
                 " (by a rounding-sized step: your losses are float32 numbers; compute in "
                 "float64)" if rounding and precision.single_precision(history) else ""))
    expected = reference_fit(reference, X, y, lr, epochs)
    if not same_trajectory(history, expected):
        epoch = first_difference(history, expected)
        meaning = name_variant(history[:40], X, y, lr, min(40, epochs))
        fix = (f": {meaning}" if meaning else ". Keep lr fixed, run every epoch (no early "
               "stop, no padding) and take only gradient steps (no jump to the closed form)")
        fail(f"w and b end at the least-squares solution, but over {epochs} epochs the loss "
             f"history leaves gradient descent's path at epoch {epoch} (yours "
             f"{history[epoch]:.10g}, expected {expected[epoch]:.10g}){fix} "
             f"{data_note(seed, X=X, y=y)}")


def unsafe_rate_run(candidate, reference, X, y, lr, epochs):
    """(learner's history, reference's history) from a new model: the reference starts where
    the learner's model starts, so that only the steps are judged here."""
    d = X.shape[1]
    model = candidate.new(CLASS, d)
    start = parameters(model, d) or (np.zeros(d), 0.0)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    return history, reference_fit(reference, X, y, lr, epochs, *start)


@check("convergence")
def test_diverges_at_unsafe_lr(candidate, reference, rng, seed):
    """Above the stable learning rate 2 / lambda_max, the loss blows up as gradient descent's
    does, every epoch recorded (no clipping, no early stopping, no padding)."""
    n, d, epochs = 60, 3, 40
    X, y = make_data(rng, n, d)
    note = data_note(seed, X=X, y=y)
    lr = 1.5 * largest_stable_lr(X)
    history, expected = unsafe_rate_run(candidate, reference, X, y, lr, epochs)
    if same_trajectory(history, expected):
        return
    if np.all(np.isfinite(history)) and history[-1] <= 1e6 * history[0]:
        fail(f"at lr={lr:.3g}, 1.5x the largest stable rate {largest_stable_lr(X):.3g}, plain "
             f"gradient descent diverges, but your loss went from {history[0]:.4g} to "
             f"{history[-1]:.4g}: is the step clipped, normalized or skipped, or is your "
             "gradient smaller than (2/n) X.T @ err (the 1/(2n) convention halves it)? "
             f"{note}")
    if not same_trajectory(*unsafe_rate_run(candidate, reference, X, y,
                                            largest_stable_lr(X) / 2, epochs)):
        return  # its steps are wrong at any rate: the trajectory check names the mistake
    epoch = first_difference(history, expected)
    fail(f"at lr={lr:.3g}, 1.5x the largest stable rate, your loss history leaves gradient "
         f"descent's at epoch {epoch} (yours {history[epoch]:.6g}, expected "
         f"{expected[epoch]:.6g}), although at a safe rate it follows it exactly: above the "
         "stable rate the loss grows every epoch, and the history must record each epoch's "
         "real loss. Do not stop early, pad the history with nan or inf, or clip the step "
         f"{note}")


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
