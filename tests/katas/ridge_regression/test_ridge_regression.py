"""Hidden checks for the ridge_regression kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's class only ever runs in the sandboxed worker behind ``candidate``.

Models are built as the signature rule says: ``RidgeRegression(d, alpha=alpha)``, alpha (which
has a default in the spec) by keyword, so a keyword-only ``alpha`` is a valid style.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, fail,
                              returned, worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, inputs_untouched_check,
                                          make_data, output_shapes_check, same_trajectory,
                                          zero_init_check)
from katakit.author.measure import Workload, assert_comparable_speed, assert_constant_work, call, stored

CLASS = "RidgeRegression"
FIX_GRADIENT = ("dw = (2 / n) * X.T @ (y_hat - y) + 2 * self.alpha * self.w and "
                "db = (2 / n) * np.sum(y_hat - y) (no penalty on b)")
FIX_LOSS = "np.mean((y_hat - y) ** 2) + self.alpha * np.sum(self.w ** 2) (b is not penalized)"


def reference_fit(reference, X, y, lr, epochs, alpha):
    model = reference.RidgeRegression(X.shape[1], alpha=alpha)
    history = model.fit(X, y, lr=lr, epochs=epochs)
    return np.array(history), model.w, model.b


def hessian(X, alpha, bias_penalized=False):
    """Hessian of the ridge loss in [w, b]: (2/n) [X 1]^T [X 1] + 2 alpha diag(1, .., 1, 0)."""
    n, d = X.shape
    design = np.column_stack([X, np.ones(n)])
    penalty = np.append(np.ones(d), 1.0 if bias_penalized else 0.0)
    return 2 / n * design.T @ design + 2 * alpha * np.diag(penalty)


def largest_stable_lr(X, alpha) -> float:
    return 2 / np.linalg.eigvalsh(hessian(X, alpha))[-1]


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


# --- shapes ---------------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec (and the first-step check) needs zeros: self.w = np.zeros(n_features); "
    "self.b = 0.0. The ridge loss is convex, so there is no symmetry to break and zeros are "
    "the reproducible choice.", alpha=0.5)
test_output_shapes = output_shapes_check(CLASS, data_offset=2.0, alpha=0.5)


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) equals X @ w + b for the model's current w and b (the penalty plays no part)."""
    check_predict_values(candidate, rng, seed, CLASS, alpha=0.5)


def loss_mistake(loss, y_hat, y, w, b, alpha) -> str:
    """Name the classic mistake that explains a wrong ridge loss, or ''."""
    mse, penalty, n = float(np.mean((y_hat - y) ** 2)), alpha * float(np.sum(w ** 2)), len(y)
    known = {
        mse: "the plain MSE: the penalty alpha * sum(w**2) is missing",
        mse + penalty + alpha * b ** 2: "the MSE plus alpha * (sum(w**2) + b**2): the bias is "
                                        "penalized too; leave b out of the penalty",
        mse + penalty / 2: "the MSE plus alpha/2 * sum(w**2), the alpha/2 convention; this "
                           "spec uses alpha * sum(w**2)",
        mse + penalty / n: "the MSE plus alpha * sum(w**2) / n: the penalty is not averaged "
                           "over samples, drop the / n",
        mse + alpha * float(np.sqrt(np.sum(w ** 2))): "the MSE plus alpha * ||w||, the norm "
                                                      "instead of its square sum(w**2)",
        mse + alpha * float(np.sum(np.abs(w))): "the MSE plus alpha * sum(|w|), the L1 (lasso) "
                                                "penalty; ridge squares the weights",
        mse / 2 + penalty: "half the MSE plus the penalty (the 1/(2n) convention); use "
                           "np.mean((y_hat - y)**2)",
        n * mse + penalty: "the sum of squared errors plus the penalty; take the mean of the "
                           "squared errors",
        mse - penalty: "the MSE minus the penalty; the penalty is added",
    }
    for value, meaning in known.items():
        if close(loss, value):
            return meaning
    return ""


@check("correctness")
def test_loss_values(candidate, rng, seed):
    """compute_loss is mean((y_hat - y)**2) + alpha * sum(w**2), with the model's current w
    (b is not penalized)."""
    n, d, alpha = 25, 3, 0.7
    y, y_hat = rng.normal(size=n), rng.normal(size=n)
    w, b = rng.normal(size=d), float(1 + rng.uniform())
    model = candidate.new(CLASS, d, alpha=alpha)
    model.set("w", w)
    model.set("b", b)
    loss = as_float(model.call("compute_loss", y_hat, y), "compute_loss(y_hat, y)")
    expected = float(np.mean((y_hat - y) ** 2) + alpha * np.sum(w ** 2))
    if close(loss, expected):
        return
    meaning = loss_mistake(loss, y_hat, y, w, b, alpha)
    fail(f"compute_loss returned {loss:.6g}, expected {expected:.6g}"
         f"{': yours is ' + meaning if meaning else ''} (alpha={alpha}, w and b set to random "
         f"values, {data_note(seed, y=y, y_hat=y_hat)[1:-1]}). Fix: {FIX_LOSS}.")


def gradient_mistake(dw, db, X, y, y_hat, w, b, alpha) -> str:
    """Name the classic mistake that explains a wrong ridge gradient, or ''."""
    n = len(y)
    data_dw, data_db = 2 / n * X.T @ (y_hat - y), 2 / n * float(np.sum(y_hat - y))
    right_dw = data_dw + 2 * alpha * w
    mistakes = (
        (data_dw, data_db, "the penalty gradient is missing: dw must include + 2 * alpha * w"),
        (data_dw + alpha * w, data_db, "the penalty gradient is alpha * w: the derivative of "
                                       "alpha * w**2 is 2 * alpha * w (factor 2 missing)"),
        (data_dw + 2 * alpha * w / n, data_db,
         "the penalty gradient is divided by n (2 * alpha * w / n): that is the gradient of "
         "(1/n) * (||Xw + b - y||^2 + alpha * ||w||^2), sklearn's sum-of-squares convention, "
         "not of this spec's mean squared error + alpha * ||w||^2"),
        (data_dw + alpha * w / n, data_db, "the penalty gradient is alpha * w / n: both the "
                                           "factor 2 is missing and it is divided by n"),
        (data_dw - 2 * alpha * w, data_db, "the penalty gradient has the wrong sign: the "
                                           "penalty pulls w towards 0, so dw gets + 2*alpha*w"),
        (right_dw, data_db + 2 * alpha * b, "the bias is penalized: db must not contain "
                                            "2 * alpha * b (only w is regularized)"),
        (n / 2 * data_dw + 2 * alpha * w, n / 2 * data_db, "the data gradient is not divided "
                                                           "by n (a sum instead of a mean)"),
        (data_dw / 2 + 2 * alpha * w, data_db / 2, "the data gradient is half of "
                                                   "(2/n) X.T @ err (the 1/(2n) convention)"),
        (-data_dw + 2 * alpha * w, -data_db, "the data gradient has the wrong sign: the "
                                             "error is y_hat - y, not y - y_hat"),
    )
    for expected_dw, expected_db, meaning in mistakes:
        if close(dw, expected_dw) and close(db, expected_db):
            return meaning
    if close(dw, right_dw):
        return "dw is right but db is not"
    if close(db, data_db):
        return "db is right but dw is not"
    return ""


@check("correctness")
def test_gradient_values(candidate, rng, seed):
    """compute_gradients returns dw = (2/n) X.T @ (y_hat - y) + 2 alpha w and
    db = (2/n) sum(y_hat - y), with the model's current w (b is not penalized)."""
    n, d, alpha = 40, 3, 0.7
    X, y = make_data(rng, n, d, offset=2.0)
    y_hat = rng.normal(size=n)
    w, b = rng.normal(size=d), float(1 + rng.uniform())
    model = candidate.new(CLASS, d, alpha=alpha)
    model.set("w", w)
    model.set("b", b)
    gradients = model.call("compute_gradients", X, y, y_hat)
    if not isinstance(gradients, (tuple, list)) or len(gradients) != 2:
        fail(f"compute_gradients should return (dw, db), not {returned(gradients)}")
    dw = as_vector(gradients[0], d, "dw")
    db = as_float(gradients[1], "db")
    expected_dw = 2 / n * X.T @ (y_hat - y) + 2 * alpha * w
    expected_db = 2 / n * float(np.sum(y_hat - y))
    if close(dw, expected_dw) and close(db, expected_db):
        return
    mistake = gradient_mistake(dw, db, X, y, y_hat, w, b, alpha)
    gap = worst_gap(np.append(dw, db), np.append(expected_dw, expected_db))
    fail(f"{mistake or 'wrong gradients'}: {gap} (alpha={alpha}, w and b set to random values, "
         f"{data_note(seed, X=X, y=y)[1:-1]}). Fix: {FIX_GRADIENT}.")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_first_step(candidate, rng, seed):
    """From zero parameters, the first loss is mean(y**2) and one epoch moves w to
    lr * (2/n) X.T @ y and b to lr * (2/n) sum(y) (the penalty gradient is 0 at w = 0)."""
    n, d, lr, alpha = 30, 3, 0.05, 0.5
    X, y = make_data(rng, n, d, offset=2.0)
    note = data_note(seed, X=X, y=y)
    model = candidate.new(CLASS, d, alpha=alpha)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
    w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
    first_loss = float(np.mean(y ** 2))
    expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
    if not close(history[0], first_loss, rtol=1e-12):
        after = float(np.mean((X @ expected_w + expected_b - y) ** 2)
                      + alpha * np.sum(expected_w ** 2))
        meaning = {True: "the loss after the update: record the loss first, then update"}.get(
            close(history[0], after), "")
        if close(history[0], first_loss / 2):
            meaning = "half of it: the 1/(2n) convention; this spec uses plain MSE"
        fail(f"the first recorded loss is {history[0]:.6g}, but with w = 0 and b = 0 it must "
             f"be mean(y**2) = {first_loss:.6g} (the penalty is 0 at w = 0)"
             f"{': ' + meaning if meaning else ''} {note}")
    if close(w, 0) and close(b, 0):
        fail(f"after one epoch w and b are still zero: fit must update them {note}")
    if not (close(w, expected_w) and close(b, expected_b)):
        zeros = np.zeros(n)
        mistake = gradient_mistake(-w / lr, -b / lr, X, y, zeros, np.zeros(d), 0.0, alpha)
        fail(f"one epoch from zero should give w = lr*(2/n)*X.T@y and b = lr*(2/n)*sum(y), as "
             f"for plain linear regression (2*alpha*w is 0 at w = 0): "
             f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))} "
             f"(alpha={alpha}, lr={lr}, {note[1:-1]}). Update with w = w - lr * dw, "
             "b = b - lr * db.")


@check("convergence")
def test_penalized_step(candidate, rng, seed):
    """From nonzero w and b, fit records the penalized loss and takes one step with the
    penalized gradient: w -= lr * ((2/n) X.T @ err + 2 alpha w), b -= lr * (2/n) sum(err)."""
    n, d, lr, alpha = 30, 3, 0.05, 0.5
    X, y = make_data(rng, n, d, offset=2.0)
    w0, b0 = rng.normal(size=d), float(1 + rng.uniform())
    note = (f"(alpha={alpha}, lr={lr}, w and b set to random values, "
            f"{data_note(seed, X=X, y=y)[1:-1]})")
    model = candidate.new(CLASS, d, alpha=alpha)
    model.set("w", w0)
    model.set("b", b0)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=1), 1, "fit(X, y, epochs=1)")
    w, b = as_vector(model.get("w"), d, "w after one epoch"), as_float(model.get("b"), "b")
    y_hat = X @ w0 + b0
    expected_loss = float(np.mean((y_hat - y) ** 2) + alpha * np.sum(w0 ** 2))
    if not close(history[0], expected_loss):
        meaning = loss_mistake(history[0], y_hat, y, w0, b0, alpha)
        fail(f"the recorded loss is {history[0]:.8g}, expected mean(err**2) + alpha * "
             f"sum(w**2) = {expected_loss:.8g} for the parameters fit starts from"
             f"{': yours is ' + meaning if meaning else ''} {note}. In fit, record "
             "self.compute_loss(y_hat, y) (or the same formula), penalty included.")
    expected_w = w0 - lr * (2 / n * X.T @ (y_hat - y) + 2 * alpha * w0)
    expected_b = b0 - lr * 2 / n * float(np.sum(y_hat - y))
    if not (close(w, expected_w) and close(b, expected_b)):
        mistake = gradient_mistake((w0 - w) / lr, (b0 - b) / lr, X, y, y_hat, w0, b0, alpha)
        fail(f"one epoch of fit took the wrong step: "
             f"{mistake or worst_gap(np.append(w, b), np.append(expected_w, expected_b))} "
             f"{note}. The step is w = w - lr * dw, b = b - lr * db with {FIX_GRADIENT}.")


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
        "alpha * sum(w**2) to the loss)": dict(pen_loss=0.0),
        "there is no penalty at all: this is plain linear regression": dict(pen_grad=0.0,
                                                                            pen_loss=0.0),
        "the penalty gradient is alpha * w, missing the factor 2": dict(pen_grad=1.0),
        "the alpha/2 convention (loss alpha/2 * sum(w**2), gradient alpha * w)":
            dict(pen_grad=1.0, pen_loss=0.5),
        "the penalty gradient is divided by n (2 * alpha * w / n)": dict(pen_grad=2 / n),
        "the penalty is divided by n in both loss and gradient (sklearn's alpha convention)":
            dict(pen_grad=2 / n, pen_loss=1 / n),
        "the penalty gradient has the wrong sign (- 2 * alpha * w)": dict(pen_grad=-2.0),
        "the bias is penalized too (b must not be regularized)": dict(bias_penalized=True),
        "the loss is recorded after the update instead of before": dict(loss_after=True),
        "the data gradient is not divided by n": dict(data_scale=n / 2),
        "the data gradient is half of (2/n) X.T @ err (the 1/(2n) convention)":
            dict(data_scale=0.5),
    }


def closest_variant(history, X, y, lr, epochs, alpha) -> str:
    scale = float(np.mean(y ** 2))
    best, best_gap = "", np.inf
    for meaning, options in variants(len(y)).items():
        with np.errstate(all="ignore"):
            candidate = variant_history(X, y, lr, epochs, alpha, **options)
            gap = float(np.nanmax(np.abs(candidate - history) / scale))
        if np.isfinite(gap) and gap < best_gap:
            best, best_gap = meaning, gap
    return best if best_gap < 1e-5 else ""


@check("convergence")
def test_trajectory(candidate, reference, rng, seed):
    """The whole loss history, before convergence, follows ridge gradient descent."""
    n, d, lr, epochs, alpha = 80, 4, 0.05, 40, 0.3
    X, y = make_data(rng, n, d, offset=2.0)
    model = candidate.new(CLASS, d, alpha=alpha)
    history = as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
                         f"fit(X, y, lr={lr}, epochs={epochs})")
    expected = reference_fit(reference, X, y, lr, epochs, alpha)[0]
    if same_trajectory(history, expected):
        return
    differs = int(np.argmax(~np.isclose(history, expected, rtol=1e-8, equal_nan=True)))
    meaning = closest_variant(history, X, y, lr, epochs, alpha)
    fail(f"the loss history is not ridge gradient descent's"
         f"{': ' + meaning if meaning else ''}. It first differs at epoch {differs}: yours "
         f"{history[differs]:.10g}, expected {expected[differs]:.10g} "
         f"(alpha={alpha}, lr={lr}, {data_note(seed, X=X, y=y)[1:-1]}). Each epoch: predict "
         "with the current w and b, record mean(err**2) + alpha * sum(w**2), then step with "
         f"{FIX_GRADIENT}.")


@check("convergence")
def test_continues_from_current_parameters(candidate, reference, rng, seed):
    """A second call to fit continues from the current w and b instead of starting over."""
    n, d, lr, alpha = 50, 3, 0.02, 0.3
    X, y = make_data(rng, n, d, offset=2.0)
    model = candidate.new(CLASS, d, alpha=alpha)
    as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "fit(X, y, epochs=5)")
    second = as_history(model.call("fit", X, y, lr=lr, epochs=5), 5, "a second fit(...)")
    expected = reference_fit(reference, X, y, lr, 10, alpha)[0][5:]
    if same_trajectory(second, expected):
        return
    restarted = close(second[0], np.mean(y ** 2), rtol=1e-9)
    reason = ("the second call started again from zero: do not reset w and b inside fit, "
              "initialise them in __init__" if restarted else
              f"its first loss is {second[0]:.8g}, expected {expected[0]:.8g}")
    fail(f"after fit(epochs=5), another fit(epochs=5) should pick up where the first stopped; "
         f"{reason} {data_note(seed, X=X, y=y)}")


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
    X, y = make_data(rng, n, d, offset=2.0)
    lr = largest_stable_lr(X, alpha) / 2
    model = candidate.new(CLASS, d, alpha=alpha)
    as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
               f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    w, b = closed_form(X, y, alpha)
    optimum = np.append(w, b)
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    note = f"(alpha={alpha}, {data_note(seed, X=X, y=y)[1:-1]})"
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        mistake = closed_form_mistake(found, X, y, alpha)
        if mistake:
            mistake = f"; yours is the exact minimizer of a different objective: {mistake}"
        fail(f"after {epochs} epochs at lr={lr:.3g} (half the largest stable rate), [w, b] "
             "should be the ridge solution w = solve(Xc.T @ Xc + n*alpha*I, Xc.T @ yc), "
             f"b = mean(y) - mean(X) @ w (Xc, yc centred){mistake}: "
             f"{worst_gap(found, optimum)} {note}")


@check("convergence")
def test_alpha_zero_is_least_squares(candidate, rng, seed):
    """With alpha = 0 the model is plain linear regression and reaches least squares."""
    n, d, epochs = 200, 3, 1500
    X, y = make_data(rng, n, d, offset=2.0)
    lr = largest_stable_lr(X, 0.0) / 2
    model = candidate.new(CLASS, d, alpha=0.0)
    as_history(model.call("fit", X, y, lr=lr, epochs=epochs), epochs,
               f"fit(X, y, lr={lr:.3g}, epochs={epochs})")
    optimum = np.linalg.lstsq(np.column_stack([X, np.ones(n)]), y, rcond=None)[0]
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        fail(f"RidgeRegression({d}, alpha=0.0) should reduce to linear regression and "
             f"converge to the least-squares solution: {worst_gap(found, optimum)}. Is alpha "
             f"ignored, replaced by a default, or used as a divisor? "
             f"{data_note(seed, X=X, y=y)}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d) -> Workload:
    X, y = make_data(rng, n, d, offset=2.0)
    y_hat = rng.normal(size=n)
    return Workload((call("predict", X), call("compute_loss", y_hat, y),
                     call("compute_gradients", X, y, y_hat),
                     call("fit", X, y, lr=0.01, epochs=3)), CLASS, (d,), f"X {(n, d)}",
                    init_kwargs={"alpha": 0.5})


def loop_advice(what: str) -> str:
    return (f"Replace the loop over {what} with whole-array operations (X @ w, X.T @ err, "
            "np.sum(w ** 2), 2 * alpha * w); only the loop over epochs may stay.")


@check("vectorization")
def test_no_loop_over_samples(candidate, rng):
    """No Python-level work grows with the number of samples (loops, comprehensions,
    builtins iterating arrays, np.vectorize ...)."""
    assert_constant_work(candidate, work_at(rng, 64, 4), work_at(rng, 512, 4), "samples",
                         loop_advice("samples"))


@check("vectorization")
def test_no_loop_over_features(candidate, rng):
    """No Python-level work grows with the number of features (the penalty included)."""
    assert_constant_work(candidate, work_at(rng, 64, 2), work_at(rng, 64, 16), "features",
                         loop_advice("features"))


# --- robustness -----------------------------------------------------------------------------

test_inputs_untouched = inputs_untouched_check(CLASS, data_offset=2.0, alpha=0.5)


# --- performance ----------------------------------------------------------------------------

@check("performance")
def test_speed_at_scale(candidate, reference_process, rng):
    """fit on 100,000 x 20 data runs in time and memory comparable to the reference."""
    X, y = make_data(rng, 100_000, 20, offset=2.0)
    data = (stored("X"), stored("y"))
    workload = Workload((call("fit", *data, epochs=1), call("fit", *data, lr=0.01, epochs=10)),
                        CLASS, (20,), init_kwargs={"alpha": 0.1})
    assert_comparable_speed(
        candidate, reference_process, {"X": X, "y": y}, workload,
        "10 epochs of fit on X (100000, 20)",
        "A loop over samples that never shows up as Python lines (map, functools.reduce, "
        "[*X]?) or repeated large copies? Use whole-array operations.")
