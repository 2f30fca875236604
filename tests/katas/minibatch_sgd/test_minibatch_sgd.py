"""Hidden checks for the minibatch_sgd kata.

Expected values come from the reference solution imported here, in the examiner's process;
the learner's class only ever runs in the sandboxed worker behind ``candidate``.

The shuffle is fully specified (one ``np.random.default_rng(seed)`` per fit, a fresh
``rng.permutation(n)`` per epoch, consecutive slices of it as batches), so the learner's loss
history can be compared with the reference's number by number. When it differs, the checks
replay known-wrong variants of the loop to name the mistake.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (as_float, as_vector, check, close, data_note, fail, modified_input,
                              worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, largest_stable_lr,
                                          make_data, same_trajectory, zero_init_check)
from katakit.author.measure import Workload, assert_comparable_speed, assert_constant_work, call, stored

CLASS = "MiniBatchSGD"
LOOP = ("Each epoch: record the full-data MSE, draw order = rng.permutation(n) from the one "
        "rng = np.random.default_rng(seed) created at the start of fit, then update once per "
        "consecutive slice order[start:start + batch_size] with "
        "w -= lr * (2/m) * Xb.T @ err, b -= lr * (2/m) * err.sum(), m = len(slice).")


def reference_fit(reference, X, y, lr, epochs, batch_size, seed):
    model = reference.MiniBatchSGD(X.shape[1])
    history = model.fit(X, y, lr=lr, epochs=epochs, batch_size=batch_size, seed=seed)
    return np.array(history), model.w, model.b


def fit_kwargs(lr, epochs, batch_size, seed):
    return {"lr": lr, "epochs": epochs, "batch_size": batch_size, "seed": seed}


# --- known-wrong loops, replayed to name a learner's mistake ---------------------------------

def epoch_orders(n, epochs, seed, shuffle):
    """The index order of each epoch under one shuffling scheme."""
    rng = np.random.default_rng(seed)
    if shuffle == "once":
        order = rng.permutation(n)
        return [order] * epochs
    if shuffle == "seed_plus_epoch":
        return [np.random.default_rng(seed + epoch).permutation(n) for epoch in range(epochs)]
    if shuffle == "global":
        state = np.random.RandomState(seed)
        return [state.permutation(n) for _ in range(epochs)]
    if shuffle == "global_each_epoch":
        return [np.random.RandomState(seed).permutation(n)] * epochs
    if shuffle == "none":
        return [np.arange(n)] * epochs
    if shuffle == "compose":
        index, orders = np.arange(n), []
        for _ in range(epochs):
            rng.shuffle(index)
            orders.append(index.copy())
        return orders
    if shuffle == "choice":
        return [rng.choice(n, n, replace=False) for _ in range(epochs)]
    if shuffle == "two_perms":  # rng.permutation(X) then rng.permutation(y)
        return [(rng.permutation(n), rng.permutation(n)) for _ in range(epochs)]
    return [rng.permutation(n) for _ in range(epochs)]


def variant_history(X, y, lr, epochs, batch_size, seed, shuffle="per_epoch", last="own",
                    loss="before", grad="mean", y_unshuffled=False):
    n = len(y)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for order in epoch_orders(n, epochs, seed, shuffle):
        x_order, y_order = order if isinstance(order, tuple) else (order, order)
        if y_unshuffled:
            y_order = np.arange(n)
        if loss == "before":
            history.append(float(np.mean((X @ w + b - y) ** 2)))
        batch_losses = []
        for start in range(0, n, batch_size):
            Xb, yb = X[x_order[start:start + batch_size]], y[y_order[start:start + batch_size]]
            m = len(yb)
            if last == "drop" and m < batch_size:
                break
            err = Xb @ w + b - yb
            batch_losses.append(float(np.mean(err ** 2)))
            scale = {"mean": 2 / m, "sum": 2.0, "half": 1 / m, "sign": -2 / m}[grad]
            if last == "divide_by_batch_size":
                scale = 2 / batch_size
            w, b = w - lr * scale * (Xb.T @ err), b - lr * scale * float(np.sum(err))
        if loss == "after":
            history.append(float(np.mean((X @ w + b - y) ** 2)))
        elif loss == "batch_mean":
            history.append(float(np.mean(batch_losses)))
    return np.array(history)


VARIANTS = {
    "the loss is recorded after the epoch's updates instead of before them":
        dict(loss="after"),
    "the recorded loss is the mean of the mini-batch losses, not the full-data MSE of the "
    "parameters at the start of the epoch": dict(loss="batch_mean"),
    "every epoch uses the same order: the permutation is drawn once before the epoch loop, "
    "or a new rng = np.random.default_rng(seed) is created inside it. Create the rng once and "
    "call rng.permutation(n) at the start of every epoch": dict(shuffle="once"),
    "a new generator per epoch (np.random.default_rng(seed + epoch)); create one rng at the "
    "start of fit and draw every epoch's permutation from it": dict(shuffle="seed_plus_epoch"),
    "the global NumPy RNG (np.random.seed / np.random.permutation) instead of a local "
    "rng = np.random.default_rng(seed)": dict(shuffle="global"),
    "the global NumPy RNG re-seeded every epoch (the same order each epoch) instead of one "
    "rng = np.random.default_rng(seed)": dict(shuffle="global_each_epoch"),
    "there is no shuffling: the batches follow the original row order":
        dict(shuffle="none"),
    "the same index array is shuffled again every epoch (rng.shuffle(idx)), which composes "
    "permutations; draw a fresh order = rng.permutation(n) each epoch": dict(shuffle="compose"),
    "rng.choice(n, n, replace=False) draws a different permutation than rng.permutation(n)":
        dict(shuffle="choice"),
    "X and y are shuffled with two different permutations (e.g. rng.permutation(X) and "
    "rng.permutation(y)), so the (x, y) pairs no longer match: draw one order and index both":
        dict(shuffle="two_perms"),
    "only X is shuffled: y is sliced in the original order, so the (x, y) pairs no longer "
    "match; index both with the same batch indices": dict(y_unshuffled=True),
    "the last, smaller batch is divided by batch_size instead of its own size m = len(batch)":
        dict(last="divide_by_batch_size"),
    "the last, smaller batch is dropped; it must be used (m = len(batch) < batch_size)":
        dict(last="drop"),
    "the batch gradient is not divided by the batch size m (a sum instead of a mean)":
        dict(grad="sum"),
    "the batch gradient is half of (2/m) Xb.T @ err (the 1/(2m) convention)":
        dict(grad="half"),
    "the step goes uphill (w + lr * dw: a sign error)": dict(grad="sign"),
}


def closest_variant(history, X, y, lr, epochs, batch_size, seed) -> str:
    scale = float(np.mean(y ** 2))
    best, best_gap = "", np.inf
    for meaning, options in VARIANTS.items():
        with np.errstate(all="ignore"):
            candidate = variant_history(X, y, lr, epochs, batch_size, seed, **options)
            gap = float(np.nanmax(np.abs(candidate - history) / scale))
        if np.isfinite(gap) and gap < best_gap:
            best, best_gap = meaning, gap
    return best if best_gap < 1e-7 else ""


def assert_trajectory(candidate, reference, rng, seed, n, d, lr, epochs, batch_size, fit_seed):
    X, y = make_data(rng, n, d)
    kwargs = fit_kwargs(lr, epochs, batch_size, fit_seed)
    call = f"fit(X, y, lr={lr}, epochs={epochs}, batch_size={batch_size}, seed={fit_seed})"
    history = as_history(candidate.new(CLASS, d).call("fit", X, y, **kwargs), epochs, call)
    expected = reference_fit(reference, X, y, lr, epochs, batch_size, fit_seed)[0]
    if same_trajectory(history, expected):
        return
    differs = int(np.argmax(~np.isclose(history, expected, rtol=1e-8, equal_nan=True)))
    meaning = closest_variant(history, X, y, lr, epochs, batch_size, fit_seed)
    fail(f"{call}: the loss history is not the specified mini-batch SGD's"
         f"{': ' + meaning if meaning else ''}. It first differs at epoch {differs}: yours "
         f"{history[differs]:.10g}, expected {expected[differs]:.10g} "
         f"({data_note(seed, X=X, y=y)[1:-1]}). {LOOP}")


# --- shapes ---------------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec needs zeros (self.w = np.zeros(n_features); self.b = 0.0): the only "
    "randomness allowed is the shuffle, from the seed.")


@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """predict returns (n,) and fit a list of `epochs` floats, including one sample, one
    feature, and a batch_size larger than n."""
    for n, d, batch_size in ((1, 1, 32), (1, 4, 1), (5, 1, 32), (7, 3, 3), (12, 2, 4)):
        X, y = make_data(rng, n, d)
        note = f"(batch_size={batch_size}, {data_note(seed, X=X, y=y)[1:-1]})"
        model = candidate.new(CLASS, d)
        as_history(model.call("fit", X, y, **fit_kwargs(0.01, 3, batch_size, 0)), 3,
                   f"fit(X, y, epochs=3) {note}")
        as_vector(model.call("predict", X), n, f"predict(X) {note}")
        as_vector(model.get("w"), d, f"w after fit {note}")
        as_float(model.get("b"), f"b after fit {note}")


# --- correctness ----------------------------------------------------------------------------

@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) equals X @ w + b for the model's current w and b."""
    check_predict_values(candidate, rng, seed, CLASS)


def step_mistake(w, b, expected_w, expected_b, n) -> str:
    """Name the scaling mistake that explains a wrong full-batch step, or ''."""
    mistakes = ((n / 2, "the gradient is not divided by the batch size (a sum, not a mean)"),
                (0.5, "the step is half of lr * (2/m) Xb.T @ err (the 1/(2m) convention)"),
                (-1, "the step goes uphill: w = w - lr * dw with err = y_hat - y"))
    for factor, meaning in mistakes:
        if close(w, factor * expected_w) and close(b, factor * expected_b):
            return meaning
    return ""


@check("correctness")
def test_full_batch_is_gd_step(candidate, rng, seed):
    """With batch_size = n, one epoch from zero is one batch gradient-descent step:
    w = lr * (2/n) X.T @ y, b = lr * (2/n) sum(y); a batch_size larger than n gives the same."""
    n, d, lr = 30, 3, 0.05
    X, y = make_data(rng, n, d)
    note = data_note(seed, X=X, y=y)
    expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
    for batch_size in (n, 4 * n):
        model = candidate.new(CLASS, d)
        call = f"fit(X, y, lr={lr}, epochs=1, batch_size={batch_size})"
        history = as_history(model.call("fit", X, y, **fit_kwargs(lr, 1, batch_size, 3)), 1,
                             call)
        w, b = as_vector(model.get("w"), d, f"w after {call}"), as_float(model.get("b"), "b")
        first_loss = float(np.mean(y ** 2))
        if not close(history[0], first_loss, rtol=1e-12):
            after = float(np.mean((X @ expected_w + expected_b - y) ** 2))
            meaning = (": that is the loss after the update; record it first, then update"
                       if close(history[0], after) else "")
            fail(f"{call}: the first recorded loss is {history[0]:.6g}, but with w = 0 and "
                 f"b = 0 it must be the full-data MSE mean(y**2) = {first_loss:.6g}{meaning} "
                 f"{note}")
        if close(w, 0) and close(b, 0):
            fail(f"after {call}, w and b are still zero: the batch was never used "
                 f"{note}. Loop over range(0, n, batch_size): a batch_size >= n means one "
                 "batch holding all n samples.")
        if close(w, expected_w) and close(b, expected_b):
            continue
        if batch_size > n and close(w, expected_w * n / batch_size):
            fail(f"{call}: the only batch has m = {n} samples (batch_size > n), but its "
                 f"gradient is divided by batch_size = {batch_size}. Divide by the batch's "
                 f"own size m = len(batch) {note}")
        mistake = step_mistake(w, b, expected_w, expected_b, n)
        if not mistake:
            gap = worst_gap(np.append(w, b), np.append(expected_w, expected_b))
            mistake = (f"{gap}. Are Xb and yb taken with the same indices? A batch holding all "
                       "n samples in any order gives exactly this step")
        fail(f"{call} from zero should be one gradient step, w = lr*(2/n)*X.T@y and "
             f"b = lr*(2/n)*sum(y): {mistake} {note}. Update with "
             "w = w - lr * (2/m) * Xb.T @ err and b = b - lr * (2/m) * err.sum(), "
             "err = Xb @ w + b - yb.")


# --- convergence ----------------------------------------------------------------------------

@check("convergence")
def test_trajectory_full_batches(candidate, reference, rng, seed):
    """The loss history matches the reference exactly when n is a multiple of batch_size:
    same shuffles (one rng per fit, one permutation per epoch), same updates."""
    assert_trajectory(candidate, reference, rng, seed, n=64, d=3, lr=0.05, epochs=6,
                      batch_size=16, fit_seed=5)


@check("convergence")
def test_trajectory_partial_last_batch(candidate, reference, rng, seed):
    """The loss history matches the reference exactly when the last batch is smaller
    (n = 50, batch_size = 16: batches of 16, 16, 16 and 2)."""
    assert_trajectory(candidate, reference, rng, seed, n=50, d=3, lr=0.05, epochs=6,
                      batch_size=16, fit_seed=11)


@check("convergence")
def test_seed_controls_shuffle(candidate, rng, seed):
    """fit is reproducible: the same seed gives the same history, a different seed a
    different one (the shuffle comes from np.random.default_rng(seed))."""
    n, d, lr, epochs, batch_size = 40, 3, 0.05, 4, 8
    X, y = make_data(rng, n, d)
    note = f"(batch_size={batch_size}, {data_note(seed, X=X, y=y)[1:-1]})"

    def history(fit_seed):
        return as_history(candidate.new(CLASS, d).call(
            "fit", X, y, **fit_kwargs(lr, epochs, batch_size, fit_seed)), epochs,
            f"fit(X, y, seed={fit_seed})")

    first, again, other = history(3), history(3), history(4)
    if not np.array_equal(first, again):
        fail(f"two fresh models fitted with seed=3 returned different histories {note}: the "
             "shuffle is not reproducible. Draw it from rng = np.random.default_rng(seed), "
             "not from np.random.default_rng() without a seed or the unseeded global RNG.")
    if np.array_equal(first, other):
        fail(f"fit(seed=3) and fit(seed=4) returned the same history {note}: the seed argument "
             "is ignored (a hard-coded seed?). Create rng = np.random.default_rng(seed) from "
             "the parameter.")


@check("convergence")
def test_continues_from_current_parameters(candidate, rng, seed):
    """A second call to fit continues from the current w and b instead of starting over
    (checked with batch_size = n, so that the shuffle plays no part)."""
    n, d, lr = 40, 3, 0.05
    X, y = make_data(rng, n, d)
    model = candidate.new(CLASS, d)
    as_history(model.call("fit", X, y, **fit_kwargs(lr, 3, n, 1)), 3,
               f"fit(X, y, epochs=3, batch_size={n}, seed=1)")
    second = as_history(model.call("fit", X, y, **fit_kwargs(lr, 3, n, 2)), 3,
                        f"a second fit(X, y, epochs=3, batch_size={n}, seed=2)")
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    design, theta = np.column_stack([X, np.ones(n)]), np.zeros(d + 1)
    for _ in range(6):  # six full-batch gradient steps
        theta = theta - lr * 2 / n * design.T @ (design @ theta - y)
    if close(found, theta):
        return
    restarted = close(second[0], np.mean(y ** 2), rtol=1e-9)
    reason = ("the second call started again from zero: do not reset w and b inside fit, "
              "initialise them in __init__" if restarted else
              f"[w, b] after both calls: {worst_gap(found, theta)}")
    fail(f"with batch_size = n, fit(epochs=3) then fit(epochs=3) should equal 6 gradient steps "
         f"from zero; {reason} {data_note(seed, X=X, y=y)}")


@check("convergence")
def test_full_batch_reaches_least_squares(candidate, rng, seed):
    """With batch_size = n it is batch gradient descent: at a safe learning rate it converges
    to the exact least-squares solution, and the loss never goes up."""
    n, d, epochs = 100, 3, 400
    X, y = make_data(rng, n, d)
    lr = largest_stable_lr(X) / 2
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, **fit_kwargs(lr, epochs, n, 0)), epochs,
                         f"fit(X, y, lr={lr:.3g}, epochs={epochs}, batch_size={n})")
    optimum = np.linalg.lstsq(np.column_stack([X, np.ones(n)]), y, rcond=None)[0]
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    note = data_note(seed, X=X, y=y)
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        fail(f"with batch_size = n = {n}, {epochs} epochs at lr={lr:.3g} (half the largest "
             f"stable rate) should reach the least-squares [w, b]: {worst_gap(found, optimum)} "
             f"{note}. Are X and y indexed with the same batch indices?")
    if np.any(np.diff(history) > 1e-12 * history[0]):
        fail(f"with batch_size = n the loss went up at epoch "
             f"{int(np.argmax(np.diff(history) > 0)) + 1} although the learning rate is safe: "
             f"full-batch gradient descent decreases the MSE every epoch here {note}")


@check("convergence")
def test_small_batches_approach_optimum(candidate, rng, seed):
    """With batch_size = 8 and a small learning rate, the loss gets within 20% of the
    least-squares optimum (mini-batch noise keeps it slightly above)."""
    n, d, lr, epochs, batch_size = 400, 3, 0.01, 40, 8
    X, y = make_data(rng, n, d)
    model = candidate.new(CLASS, d)
    history = as_history(model.call("fit", X, y, **fit_kwargs(lr, epochs, batch_size, 0)),
                         epochs, f"fit(X, y, lr={lr}, epochs={epochs}, "
                                 f"batch_size={batch_size})")
    design = np.column_stack([X, np.ones(n)])
    optimum = np.linalg.lstsq(design, y, rcond=None)[0]
    best_loss = float(np.mean((design @ optimum - y) ** 2))
    final = float(np.mean(history[-5:]))
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    final = max(final, float(np.mean((design @ found - y) ** 2)))
    if np.isfinite(final) and final <= 1.2 * best_loss:
        return
    fail(f"after {epochs} epochs with batch_size={batch_size} and lr={lr}, the loss should be "
         f"within 20% of the least-squares optimum {best_loss:.4g}, but yours is {final:.4g} "
         f"(mean of the last 5 recorded losses, or the MSE of the final w and b). Are X and y "
         f"indexed with the same batch indices, and does every step go against the gradient? "
         f"{data_note(seed, X=X, y=y)}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d, batch_size) -> Workload:
    X, y = make_data(rng, n, d)
    return Workload((call("predict", X), call("fit", X, y, **fit_kwargs(0.01, 2, batch_size, 0))),
                    CLASS, (d,), f"X {(n, d)} with batch_size={batch_size}")


LOOP_ADVICE = ("Both runs make the same number of batches: only the loops over epochs and over "
               "batches may stay; inside a batch use whole-array operations (Xb @ w, "
               "Xb.T @ err, err.sum()).")


@check("vectorization")
def test_no_loop_over_samples(candidate, rng):
    """No Python-level work grows with the number of samples in a batch (the loops over
    epochs and batches are allowed: the number of batches is kept fixed)."""
    assert_constant_work(candidate, work_at(rng, 64, 4, 8), work_at(rng, 512, 4, 64),
                         "samples", LOOP_ADVICE)


@check("vectorization")
def test_no_loop_over_features(candidate, rng):
    """No Python-level work grows with the number of features."""
    assert_constant_work(candidate, work_at(rng, 64, 2, 8), work_at(rng, 64, 16, 8),
                         "features", LOOP_ADVICE)


# --- robustness -----------------------------------------------------------------------------

@check("robustness")
def test_inputs_untouched(candidate, rng, seed):
    """predict and fit leave X and y unchanged (in particular, they are not shuffled in
    place)."""
    n, d = 30, 3
    X, y = make_data(rng, n, d)
    calls = (("predict", (X,), {}), ("fit", (X, y), fit_kwargs(0.01, 3, 8, 0)))
    for method, args, kwargs in calls:
        changed = modified_input(candidate.new(CLASS, d), method, args, ("X", "y"), **kwargs)
        if changed:
            name, before, now = changed
            reordered = (now is not None and now.shape == before.shape and
                         np.array_equal(np.sort(now, axis=0), np.sort(before, axis=0)))
            how = ("its rows were reordered: shuffling in place (rng.shuffle(X), "
                   "X[:] = X[order]) changes the caller's data. Index a copy instead: "
                   "Xb = X[order[start:start + batch_size]]" if reordered else
                   f"e.g. {name} -= ..., {name}[...] = ... Work on a copy instead")
            fail(f"{method} modified its input {name} in place; {how} "
                 f"{data_note(seed, X=X, y=y)}")


# --- performance ----------------------------------------------------------------------------

SPEED_N, SPEED_D, SPEED_BATCH, SPEED_EPOCHS = 50_000, 10, 2500, 2


@check("performance")
def test_speed_at_scale(candidate, reference_process, rng):
    """fit on 50,000 x 10 data with batch_size = 2500 runs in time and memory comparable to
    the reference."""
    X, y = make_data(rng, SPEED_N, SPEED_D)
    data = (stored("X"), stored("y"))
    workload = Workload((call("fit", *data, **fit_kwargs(0.001, SPEED_EPOCHS, SPEED_BATCH, 0)),),
                        CLASS, (SPEED_D,))
    assert_comparable_speed(
        candidate, reference_process, {"X": X, "y": y}, workload,
        f"{SPEED_EPOCHS} epochs of fit on X ({SPEED_N}, {SPEED_D}) with "
        f"batch_size={SPEED_BATCH}",
        "A loop over samples (map, functools.reduce and [*Xb] are loops too) or work of size n "
        "inside the batch loop (X[order] or the full-data loss once per batch)? A batch should "
        "cost O(m d).")
