"""Hidden checks for the ridge_regression kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's class only ever runs in the sandboxed worker behind ``candidate``.

Models are built as the signature rule says: ``RidgeRegression(d, alpha=alpha)``, alpha (which
has a default in the spec) by keyword, so a keyword-only ``alpha`` is a valid style.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, factor_mistake, fail,
                            returned, worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, closest_variant,
                                          continues_check, first_step_check, hessian,
                                          inputs_untouched_check, largest_stable_lr,
                                          least_squares, loss_at, make_data,
                                          output_shapes_check, restart_reason, speed_check,
                                          trajectory_check, work_at, zero_init_check)
from katakit.author.standard import no_loop

CLASS = "RidgeRegression"
OFFSET = 2.0  # a target mean far from 0, so that a penalized bias shows
FIX_GRADIENT = ("dw = (2 / n) * X.T @ (y_hat - y) + 2 * self.alpha * self.w and "
                "db = (2 / n) * np.sum(y_hat - y) (no penalty on b)")
FIX_LOSS = "np.mean((y_hat - y) ** 2) + self.alpha * np.sum(self.w ** 2) (b is not penalized)"


def closed_form(X, y, alpha, bias_penalized=False):
    """Minimizer of mean((X w + b - y)**2) + alpha * ||w||^2 (+ alpha * b^2 if bias_penalized):
    centre X and y, solve (Xc^T Xc + n alpha I) w = Xc^T yc, then b = mean(y) - mean(X) @ w."""
    n, d = X.shape
    if bias_penalized:
        design = np.column_stack([X, np.ones(n)])
        theta = np.linalg.solve(design.T @ design + n * alpha * np.eye(d + 1), design.T @ y)
        return theta[:-1], float(theta[-1])
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + n * alpha * np.eye(d), Xc.T @ yc)
    return w, float(y.mean() - X.mean(axis=0) @ w)


def with_parameters(candidate, d, alpha, w, b):
    model = candidate.new(CLASS, d, alpha=alpha)
    model.set("w", w)
    model.set("b", b)
    return model


# --- shapes ---------------------------------------------------------------------------------

test_output_shapes = output_shapes_check(CLASS, data_offset=OFFSET, alpha=0.5)


# --- correctness ----------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec (and the first-step check) needs zeros: self.w = np.zeros(n_features); "
    "self.b = 0.0. The ridge loss is convex, so there is no symmetry to break and zeros are "
    "the reproducible choice.", alpha=0.5)


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) equals X @ w + b for the model's current w and b (the penalty plays no part)."""
    check_predict_values(candidate, rng, seed, CLASS, alpha=0.5)


def loss_mistake(loss, y_hat, y, w, b, alpha) -> str:
    """Name the classic mistake that explains a wrong ridge loss, or ''."""
    mse, penalty, n = float(np.mean((y_hat - y) ** 2)), alpha * float(np.sum(w ** 2)), len(y)
    known = {
        mse: "the plain MSE: the penalty alpha * np.sum(w**2) is missing",
        mse + penalty + alpha * b ** 2: "the MSE plus alpha * (np.sum(w**2) + b**2): the bias "
                                        "is penalized too; leave b out of the penalty",
        mse + penalty / 2: "the MSE plus alpha/2 * np.sum(w**2), the alpha/2 convention; this "
                           "spec uses alpha * np.sum(w**2)",
        mse + penalty / n: "the MSE plus alpha * np.sum(w**2) / n: the penalty is not "
                           "averaged over samples, drop the / n",
        mse + alpha * float(np.sqrt(np.sum(w ** 2))): "the MSE plus alpha * ||w||, the norm "
                                                      "instead of its square np.sum(w**2)",
        mse + alpha * float(np.sum(np.abs(w))): "the MSE plus alpha * np.sum(np.abs(w)), the "
                                                "L1 (lasso) penalty; ridge squares the weights",
        mse / 2 + penalty: "half the MSE plus the penalty (the 1/(2n) convention); use "
                           "np.mean((y_hat - y)**2)",
        n * mse + penalty: "the sum of squared errors plus the penalty; take the mean of the "
                           "squared errors",
        mse - penalty: "the MSE minus the penalty; the penalty is added",
    }
    return next((meaning for value, meaning in known.items() if close(loss, value)), "")


@check("correctness")
def test_loss_values(candidate, rng, seed):
    """compute_loss is mean((y_hat - y)**2) + alpha * np.sum(w**2), with the model's current w
    (b is not penalized)."""
    n, d, alpha = 25, 3, 0.7
    y, y_hat = rng.normal(size=n), rng.normal(size=n)
    w, b = rng.normal(size=d), float(1 + rng.uniform())
    model = with_parameters(candidate, d, alpha, w, b)
    loss = as_float(model.call("compute_loss", y_hat, y), "compute_loss(y_hat, y)")
    expected = float(np.mean((y_hat - y) ** 2) + alpha * np.sum(w ** 2))
    if close(loss, expected):
        return
    meaning = loss_mistake(loss, y_hat, y, w, b, alpha)
    fail(f"compute_loss returned {loss:.6g}, expected {expected:.6g}"
         f"{': yours is ' + meaning if meaning else ''} (alpha={alpha}, w and b set to random "
         f"values, {data_note(seed, y=y, y_hat=y_hat)[1:-1]}). Fix: {FIX_LOSS}.")


def gradient_mistake(kata, dw, db, X, y, y_hat, w, b, alpha=0.0) -> str:
    """Name the classic mistake that explains a wrong ridge gradient, or '': the bias
    penalized, then a wrong penalty term (``[mistakes.penalty_gradient]``), then a wrong data
    term (``[mistakes.gradient]``)."""
    n = len(y)
    data_dw, data_db = 2 / n * X.T @ (y_hat - y), 2 / n * float(np.sum(y_hat - y))
    penalty = 2 * alpha * w
    if b != 0 and close(dw, data_dw + penalty) and close(db, data_db + 2 * alpha * b):
        return ("the bias is penalized: db must not contain 2 * alpha * b (only w is "
                "regularized)")
    if close(db, data_db) and np.any(penalty != 0):
        meaning = factor_mistake(kata.mistakes["penalty_gradient"],
                                 {"the penalty gradient": (dw - data_dw, penalty)},
                                 what="the penalty gradient 2 * alpha * w", n=n)
        if meaning:
            return meaning
    return factor_mistake(kata.mistakes["gradient"],
                          {"dw": (dw - penalty, data_dw), "db": (db, data_db)},
                          what="the data gradient", n=n)


@check("correctness")
def test_gradient_values(candidate, rng, seed, kata):
    """compute_gradients returns dw = (2/n) X.T @ (y_hat - y) + 2 alpha w and
    db = (2/n) np.sum(y_hat - y), with the model's current w (b is not penalized)."""
    n, d, alpha = 40, 3, 0.7
    X, y = make_data(rng, n, d, offset=OFFSET)
    y_hat = rng.normal(size=n)
    w, b = rng.normal(size=d), float(1 + rng.uniform())
    gradients = with_parameters(candidate, d, alpha, w, b).call("compute_gradients", X, y,
                                                                y_hat)
    if not isinstance(gradients, (tuple, list)) or len(gradients) != 2:
        fail(f"compute_gradients should return (dw, db), not {returned(gradients)}")
    dw, db = as_vector(gradients[0], d, "dw"), as_float(gradients[1], "db")
    expected_dw = 2 / n * X.T @ (y_hat - y) + 2 * alpha * w
    expected_db = 2 / n * float(np.sum(y_hat - y))
    if close(dw, expected_dw) and close(db, expected_db):
        return
    mistake = gradient_mistake(kata, dw, db, X, y, y_hat, w, b, alpha)
    gap = worst_gap(np.append(dw, db), np.append(expected_dw, expected_db))
    fail(f"{mistake or 'wrong gradients'}: {gap} (alpha={alpha}, w and b set to random values, "
         f"{data_note(seed, X=X, y=y)[1:-1]}). Fix: {FIX_GRADIENT}.")


# --- convergence ----------------------------------------------------------------------------

test_first_step = first_step_check(CLASS, gradient_mistake, data_offset=OFFSET, alpha=0.5)


@check("convergence")
def test_penalized_step(candidate, rng, seed, kata):
    """From nonzero w and b, fit records the penalized loss and takes one step with the
    penalized gradient: w -= lr * ((2/n) X.T @ err + 2 alpha w), b -= lr * (2/n) np.sum(err)."""
    n, d, lr, alpha = 30, 3, 0.05, 0.5
    X, y = make_data(rng, n, d, offset=OFFSET)
    w0, b0 = rng.normal(size=d), float(1 + rng.uniform())
    note = (f"(alpha={alpha}, lr={lr}, w and b set to random values, "
            f"{data_note(seed, X=X, y=y)[1:-1]})")
    model = with_parameters(candidate, d, alpha, w0, b0)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
    w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
    y_hat = X @ w0 + b0
    expected_loss = loss_at(X, y, w0, b0, alpha)
    if not close(history[0], expected_loss):
        restarted = restart_reason(history[0], (w0, b0), X, y, alpha)
        if restarted:
            fail(f"the recorded loss is {history[0]:.8g}, the loss at w = 0, b = 0: {restarted} "
                 f"{note}")
        meaning = loss_mistake(history[0], y_hat, y, w0, b0, alpha)
        fix = ("In fit, record self.compute_loss(y_hat, y) (or the same formula), penalty "
               "included.")
        if close(history[0], loss_at(X, y, *one_step(X, y, w0, b0, lr, alpha), alpha)):
            meaning = "the loss after the update"
            fix = "Record the loss of the parameters fit starts from, then take the step."
        fail(f"the recorded loss is {history[0]:.8g}, expected mean(err**2) + alpha * "
             f"np.sum(w**2) = {expected_loss:.8g} for the parameters fit starts from"
             f"{': yours is ' + meaning if meaning else ''} {note}. {fix}")
    expected_w, expected_b = one_step(X, y, w0, b0, lr, alpha)
    if not (close(w, expected_w) and close(b, expected_b)):
        mistake = gradient_mistake(kata, (w0 - w) / lr, (b0 - b) / lr, X, y, y_hat, w0, b0,
                                   alpha)
        fail(f"one epoch of fit took the wrong step: "
             f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))} "
             f"{note}. The step is w = w - lr * dw, b = b - lr * db with {FIX_GRADIENT}.")


def one_step(X, y, w, b, lr, alpha):
    """The parameters after one ridge gradient step from (w, b)."""
    err = X @ w + b - y
    n = len(y)
    return w - lr * (2 / n * X.T @ err + 2 * alpha * w), b - lr * 2 / n * float(np.sum(err))


def variant_history(X, y, lr, epochs, alpha, data_scale=1.0, pen_grad=2.0, pen_loss=1.0,
                    bias_penalized=False, loss_after=False):
    """Known-wrong versions of ridge gradient descent, to name the one a learner wrote."""
    n = len(y)
    w, b, history = np.zeros(X.shape[1]), 0.0, []

    def loss():
        penalty = np.sum(w ** 2) + (b ** 2 if bias_penalized else 0.0)
        return float(np.mean((X @ w + b - y) ** 2) + pen_loss * alpha * penalty)

    for _ in range(epochs):
        if not loss_after:
            history.append(loss())
        err = X @ w + b - y
        dw = data_scale * 2 / n * X.T @ err + pen_grad * alpha * w
        db = data_scale * 2 / n * np.sum(err) + (pen_grad * alpha * b if bias_penalized else 0)
        w, b = w - lr * dw, b - lr * db
        if loss_after:
            history.append(loss())
    return np.array(history)


def variants(n):
    return {
        "the penalty is in the loss but not in the gradient (dw lacks + 2 * alpha * w)":
            dict(pen_grad=0.0),
        "the penalty is in the gradient but not in the recorded loss (add "
        "alpha * np.sum(w**2) to the loss)": dict(pen_loss=0.0),
        "there is no penalty at all: this is plain linear regression": dict(pen_grad=0.0,
                                                                            pen_loss=0.0),
        "the penalty gradient is alpha * w, missing the factor 2": dict(pen_grad=1.0),
        "the alpha/2 convention (loss alpha/2 * np.sum(w**2), gradient alpha * w)":
            dict(pen_grad=1.0, pen_loss=0.5),
        "the penalty gradient is divided by n (2 * alpha * w / n)": dict(pen_grad=2 / n),
        "the penalty is divided by n in both loss and gradient (sklearn's alpha convention)":
            dict(pen_grad=2 / n, pen_loss=1 / n),
        "the penalty gradient has the wrong sign (- 2 * alpha * w)": dict(pen_grad=-2.0),
        "the bias is penalized too (b must not be regularized)": dict(bias_penalized=True),
        "the loss is recorded after the update instead of before": dict(loss_after=True),
        "the data gradient is not divided by n": dict(data_scale=n),
        "the data gradient misses both the 2 and the 1/n (X.T @ err)": dict(data_scale=n / 2),
        "the data gradient is half of (2/n) X.T @ err (the 1/(2n) convention)":
            dict(data_scale=0.5),
    }


def name_variant(history, X, y, lr, epochs, skip=0, alpha=0.3) -> str:
    """The known-wrong version of ridge GD whose epochs skip.. produced ``history``, or ''."""
    replays = {meaning: (lambda options=options: variant_history(X, y, lr, epochs, alpha,
                                                                 **options)[skip:])
               for meaning, options in variants(len(y)).items()}
    return closest_variant(history, replays, float(np.mean(y ** 2)))


test_trajectory = trajectory_check(
    CLASS, name_variant, "ridge gradient descent",
    "Each epoch: predict with the current w and b, record mean(err**2) + alpha * "
    f"np.sum(w**2), then step with {FIX_GRADIENT}.", lr=0.05, data_offset=OFFSET, alpha=0.3)


test_continues_from_current_parameters = continues_check(CLASS, data_offset=OFFSET,
                                                         name_variant=name_variant, alpha=0.3)


def closed_form_mistake(found, X, y, alpha) -> str:
    """Name the wrong objective whose exact minimizer the learner converged to, or ''."""
    n, d = X.shape
    wrong = {
        "the bias is penalized too (then b is pulled towards 0 instead of "
        "mean(y) - mean(X) @ w)": closed_form(X, y, alpha, bias_penalized=True),
        "no penalty at all (the plain least-squares solution)": closed_form(X, y, 0.0),
        "the penalty gradient alpha * w without the factor 2": closed_form(X, y, alpha / 2),
        "the penalty gradient divided by n (sklearn's alpha convention)":
            closed_form(X, y, alpha / n),
    }
    if np.all(np.linalg.eigvalsh(hessian(X, -alpha)) > 0):
        wrong["the penalty gradient with the wrong sign"] = closed_form(X, y, -alpha)
    for meaning, (w, b) in wrong.items():
        if np.allclose(found, np.append(w, b), rtol=1e-4, atol=1e-6):
            return meaning
    return ""


@check("convergence")
def test_matches_closed_form(candidate, rng, seed):
    """At a safe learning rate, fit converges to the closed-form ridge solution with an
    unpenalized bias: w = solve(Xc.T @ Xc + n alpha I, Xc.T @ yc), b = mean(y) - mean(X) @ w."""
    n, d, alpha, epochs = 200, 3, 0.1, 1500
    X, y = make_data(rng, n, d, offset=OFFSET)
    lr = largest_stable_lr(X, alpha) / 2
    model = candidate.new(CLASS, d, alpha=alpha)
    as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
               f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    optimum = np.append(*closed_form(X, y, alpha))
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        mistake = closed_form_mistake(found, X, y, alpha)
        if mistake:
            mistake = f"; yours is the exact minimizer of a different objective: {mistake}"
        fail(f"after {epochs} epochs at lr={lr:.3g} (half the largest stable rate), [w, b] "
             "should be the ridge solution w = solve(Xc.T @ Xc + n*alpha*I, Xc.T @ yc), "
             f"b = mean(y) - mean(X) @ w (Xc, yc centred){mistake}: "
             f"{worst_gap(found, optimum)} (alpha={alpha}, {data_note(seed, X=X, y=y)[1:-1]})")


@check("convergence")
def test_alpha_zero_is_least_squares(candidate, rng, seed):
    """With alpha = 0 the model is plain linear regression and reaches least squares."""
    n, d, epochs = 200, 3, 1500
    X, y = make_data(rng, n, d, offset=OFFSET)
    lr = largest_stable_lr(X, 0.0) / 2
    model = candidate.new(CLASS, d, alpha=0.0)
    as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
               f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    optimum = least_squares(X, y)[0]
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        fail(f"RidgeRegression({d}, alpha=0.0) should reduce to linear regression and "
             f"converge to the least-squares solution: {worst_gap(found, optimum)}. Is alpha "
             f"ignored, replaced by a default, or used as a divisor? "
             f"{data_note(seed, X=X, y=y)}")


# --- vectorization, robustness, performance --------------------------------------------------

LOOP_ADVICE = ("Replace the loop with whole-array operations (X @ w, X.T @ err, "
               "np.sum(w ** 2), 2 * alpha * w); only the loop over epochs may stay.")
EPOCHS = "the loop over epochs"
WORK = work_at(CLASS, data_offset=OFFSET, alpha=0.5)
test_no_loop_over_samples = no_loop(WORK, "samples", {"n": (64, 512), "d": 4}, LOOP_ADVICE,
                                    allowed=EPOCHS)
test_no_loop_over_features = no_loop(
    WORK, "features", {"n": 64, "d": (2, 16)}, LOOP_ADVICE, allowed=EPOCHS,
    doc="No Python-level work grows with the number of features, the penalty included; the "
        "loop over epochs may stay.")
test_inputs_untouched = inputs_untouched_check(CLASS, data_offset=OFFSET, alpha=0.5)
test_speed_at_scale = speed_check(CLASS, data_offset=OFFSET, alpha=0.1)
