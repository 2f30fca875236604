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

from katakit.author import (Workload, as_float, as_vector, call, check, close, data_note, fail,
                            factor_mistake, precision, standard, stored, worst_gap)
from katakit.author.linear_models import (as_history, check_predict_values, closest_variant,
                                          continues_check, first_difference, fresh_model,
                                          largest_stable_lr, least_squares, loss_at, make_data,
                                          same_trajectory, zero_init_check)

CLASS = "MiniBatchSGD"
LOOP = ("Each epoch: record the full-data MSE, draw order = rng.permutation(n) from the one "
        "rng = np.random.default_rng(seed) created at the start of fit, then update once per "
        "consecutive slice order[start:start + batch_size] with "
        "w -= lr * (2/m) * Xb.T @ err, b -= lr * (2/m) * err.sum(), m = len(slice).")


def reference_fit(reference, X, y, lr, epochs, batch_size, seed):
    model = reference.MiniBatchSGD(X.shape[1])
    return np.array(model.fit(X, y, lr=lr, epochs=epochs, batch_size=batch_size, seed=seed))


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
    "each epoch's shuffle is applied to the previous epoch's order (the same index array "
    "shuffled again with rng.shuffle(idx), or X and y themselves shuffled in place), which "
    "composes permutations; draw a fresh order = rng.permutation(n) each epoch and index the "
    "original X and y with it": dict(shuffle="compose"),
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


def name_variant(history, X, y, lr, epochs, batch_size, seed) -> str:
    """The known-wrong loop that produced ``history``, or ''."""
    replays = {meaning: (lambda options=options: variant_history(X, y, lr, epochs, batch_size,
                                                                 seed, **options))
               for meaning, options in VARIANTS.items()}
    return closest_variant(history, replays, float(np.mean(y ** 2)), threshold=1e-7)


def assert_trajectory(candidate, reference, rng, seed, n, d, lr, epochs, batch_size, fit_seed):
    X, y = make_data(rng, n, d)
    kwargs = fit_kwargs(lr, epochs, batch_size, fit_seed)
    call = f"fit(X, y, lr={lr}, epochs={epochs}, batch_size={batch_size}, seed={fit_seed})"
    history = as_history(fresh_model(candidate, CLASS, d).call("fit", X, y, **kwargs), epochs,
                         call)
    expected = reference_fit(reference, X, y, lr, epochs, batch_size, fit_seed)
    if same_trajectory(history, expected):
        return
    differs = first_difference(history, expected)
    meaning = (precision.cause(history, expected)
               or name_variant(history, X, y, lr, epochs, batch_size, fit_seed)
               or sampling_mistake(candidate))
    fail(f"{call}: the loss history is not the specified mini-batch SGD's"
         f"{': ' + meaning if meaning else ''}. It first differs at epoch {differs}: yours "
         f"{history[differs]:.10g}, expected {expected[differs]:.10g} "
         f"({data_note(seed, X=X, y=y)[1:-1]}). {LOOP}")


# --- which samples an epoch uses: read from a probe where sample i moves w[i] only -----------

PROBE_N = 12
PROBE_Y = 1 + np.arange(PROBE_N) * np.pi / 10  # no value is a whole multiple of another


def sample_use(candidate):
    """(times each sample's x is used, the y value each x was paired with, summed) in one
    epoch of fit(batch_size = n) from zero on X = identity: w[i] = lr * (2/n) * those sums."""
    lr = 1e-3
    model = candidate.new(CLASS, PROBE_N)
    model.set("w", np.zeros(PROBE_N))
    model.set("b", 0.0)
    model.call("fit", np.eye(PROBE_N), PROBE_Y.copy(), **fit_kwargs(lr, 1, PROBE_N, 0))
    w = as_vector(model.get("w"), PROBE_N, "w after fit")
    paired = w / (lr * 2 / PROBE_N)
    return paired / PROBE_Y, paired


def sampling_mistake(candidate) -> str:
    """The way batches are drawn, when the probe shows it is wrong, or ''."""
    uses, paired = sample_use(candidate)
    counts = np.round(uses)
    if np.allclose(uses, 1, rtol=1e-6) or np.allclose(uses, uses[0], rtol=1e-6):
        return ""  # each sample once (or all scaled alike: a scaling mistake, named elsewhere)
    if np.allclose(uses, counts, atol=1e-6) and counts.min() >= 0 and counts.sum() == PROBE_N:
        return (f"the batches are sampled with replacement: in one epoch with batch_size = n "
                f"= {PROBE_N} (probe X = identity), some samples were used "
                f"{int(counts.max())} times and {int(np.sum(counts == 0))} not at all "
                "(rng.integers, or rng.choice(n, m) with its default replace=True). Every epoch "
                "uses each sample exactly once: order = rng.permutation(n), then consecutive "
                "slices of it")
    if np.allclose(np.sort(paired), np.sort(PROBE_Y), rtol=1e-6):
        return ("X and y are indexed with different orders (probe X = identity, batch_size = "
                f"n = {PROBE_N}: each x was paired with another sample's y). Index both with "
                "the same batch indices")
    return ""


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n, d, batch_size):
    X, y = make_data(rng, n, d)
    workload = Workload((call("fit", X, y, **fit_kwargs(0.01, 3, batch_size, 0)),
                         call("predict", X)), CLASS, (d,))
    return workload, (lambda value, what: as_history(value, 3, what), standard.vector(n))


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"n": 1, "d": 1, "batch_size": 32}, {"n": 1, "d": 4, "batch_size": 1},
                   {"n": 5, "d": 1, "batch_size": 32}, {"n": 7, "d": 3, "batch_size": 3},
                   {"n": 12, "d": 2, "batch_size": 4}],
    doc="predict returns (n,) and fit a list of `epochs` floats, including one sample, one "
        "feature, and a batch_size larger than n.")


# --- correctness ----------------------------------------------------------------------------

test_init_parameters = zero_init_check(
    CLASS, "The spec needs zeros (self.w = np.zeros(n_features); self.b = 0.0): the only "
    "randomness allowed is the shuffle, from the seed.")


@check("correctness")
def test_predict_values(candidate, rng, seed):
    """predict(X) equals X @ w + b for the model's current w and b."""
    check_predict_values(candidate, rng, seed, CLASS)


def first_loss_problem(history0, X, y, expected_w, expected_b) -> str:
    first_loss = float(np.mean(y ** 2))
    if close(history0, first_loss, rtol=1e-12):
        return ""
    after = float(np.mean((X @ expected_w + expected_b - y) ** 2))
    meaning = ("that is the loss after the update; record it first, then update"
               if close(history0, after) else precision.cause(history0, first_loss))
    return (f"the first recorded loss is {history0:.10g}, but with w = 0 and b = 0 it must be "
            f"the full-data MSE mean(y**2) = {first_loss:.10g}{': ' + meaning if meaning else ''}")


@check("correctness")
def test_full_batch_is_gd_step(candidate, rng, seed, kata):
    """With batch_size = n, one epoch from zero is one batch gradient-descent step:
    w = lr * (2/n) X.T @ y, b = lr * (2/n) np.sum(y); a batch_size larger than n gives the
    same."""
    n, d, lr = 30, 3, 0.05
    X, y = make_data(rng, n, d)
    note = data_note(seed, X=X, y=y)
    expected_w, expected_b = lr * 2 / n * X.T @ y, lr * 2 / n * float(np.sum(y))
    for batch_size in (n, 4 * n):
        model = fresh_model(candidate, CLASS, d)
        what = f"fit(X, y, lr={lr}, epochs=1, batch_size={batch_size})"
        history = as_history(model.call("fit", X, y, **fit_kwargs(lr, 1, batch_size, 3)), 1,
                             what)
        w, b = as_vector(model.get("w"), d, f"w after {what}"), as_float(model.get("b"), "b")
        problem = first_loss_problem(history[0], X, y, expected_w, expected_b)
        if problem:
            fail(f"{what}: {problem} {note}")
        if close(w, 0) and close(b, 0):
            fail(f"after {what}, w and b are still zero: the batch was never used {note}. "
                 "Loop over range(0, n, batch_size): a batch_size >= n means one batch "
                 "holding all n samples.")
        if close(w, expected_w) and close(b, expected_b):
            continue
        if batch_size > n and close(w, expected_w * n / batch_size):
            fail(f"{what}: the only batch has m = {n} samples (batch_size > n), but its "
                 f"gradient is divided by batch_size = {batch_size}. Divide by the batch's "
                 f"own size m = len(batch) {note}")
        mistake = (factor_mistake(kata.mistakes["step"], {"w": (w, expected_w),
                                                          "b": (b, expected_b)},
                                  what="the step", m=n)
                   or sampling_mistake(candidate)
                   or worst_gap(np.append(w, b), np.append(expected_w, expected_b)))
        fail(f"{what} from zero should be one gradient step, w = lr*(2/n)*X.T@y and "
             f"b = lr*(2/n)*np.sum(y): {mistake} {note}. Update with "
             "w = w - lr * (2/m) * Xb.T @ err and b = b - lr * (2/m) * np.sum(err), "
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


# batch_size = n: the shuffle plays no part (one batch holding every sample)
test_continues_from_current_parameters = continues_check(
    CLASS, fit_kwargs={"batch_size": 40, "seed": 1}, n=40, lr=0.05, explain=sampling_mistake)


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
    optimum = least_squares(X, y)[0]
    found = np.append(as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b"))
    note = data_note(seed, X=X, y=y)
    if not np.allclose(found, optimum, rtol=1e-6, atol=1e-8):
        why = sampling_mistake(candidate)
        fail(f"with batch_size = n = {n}, {epochs} epochs at lr={lr:.3g} (half the largest "
             f"stable rate) should reach the least-squares [w, b]: {worst_gap(found, optimum)} "
             f"{note}" + (f": {why}" if why else ". Is each step -lr * (2/m) Xb.T @ err?"))
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
    best_loss = least_squares(X, y)[1]
    w, b = as_vector(model.get("w"), d, "w"), as_float(model.get("b"), "b")
    final = max(float(np.mean(history[-5:])), loss_at(X, y, w, b))
    if np.isfinite(final) and final <= 1.2 * best_loss:
        return
    why = sampling_mistake(candidate) or "does every step go against the gradient?"
    fail(f"after {epochs} epochs with batch_size={batch_size} and lr={lr}, the loss should be "
         f"within 20% of the least-squares optimum {best_loss:.4g}, but yours is {final:.4g} "
         f"(mean of the last 5 recorded losses, or the MSE of the final w and b): {why} "
         f"{data_note(seed, X=X, y=y)}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, d, batch_size) -> Workload:
    X, y = make_data(rng, n, d)
    return Workload((call("predict", X),
                     call("fit", X, y, **fit_kwargs(0.01, 2, batch_size, 0))),
                    CLASS, (d,), f"X {(n, d)} with batch_size={batch_size}")


LOOP_ADVICE = ("Both runs make the same number of batches: only the loops over epochs and over "
               "batches may stay; inside a batch use whole-array operations (Xb @ w, "
               "Xb.T @ err, np.sum(err)).")
ALLOWED = "the loops over epochs and over batches (their number is kept fixed)"
test_no_loop_over_samples = standard.no_loop(
    work_at, "samples", {"n": (64, 512), "d": 4, "batch_size": (8, 64)}, LOOP_ADVICE,
    allowed=ALLOWED, doc="No Python-level work grows with the number of samples in a batch; "
                         f"{ALLOWED} may stay.")
test_no_loop_over_features = standard.no_loop(
    work_at, "features", {"n": 64, "d": (2, 16), "batch_size": 8}, LOOP_ADVICE, allowed=ALLOWED)


# --- robustness and performance -------------------------------------------------------------

test_inputs_untouched = standard.inputs_untouched(
    lambda rng: [Workload((c,), CLASS, (3,)) for X, y in [make_data(rng, 30, 3)]
                 for c in (call("predict", X), call("fit", X, y, **fit_kwargs(0.01, 3, 8, 0)))],
    fix="Index a copy instead: Xb = X[order[start:start + batch_size]] is a new array; never "
        "shuffle X or y in place (rng.shuffle(X), X[:] = X[order]).",
    doc="predict and fit leave X and y unchanged (in particular, they are not shuffled in "
        "place).")

def speed_data(rng):
    """50,000 samples with 10 features (large batches: a loop inside a batch costs far more
    than its whole-array work) and with 20 (small batches: work of size n done once per batch
    costs far more than the batch itself)."""
    (X10, y10), (X20, y20) = make_data(rng, 50_000, 10), make_data(rng, 50_000, 20)
    return {"X10": X10, "y10": y10, "X20": X20, "y20": y20}


test_speed_at_scale = standard.speed(
    speed_data,
    [(Workload((call("fit", stored("X10"), stored("y10"), **fit_kwargs(0.001, 2, 2500, 0)),),
               CLASS, (10,)), "2 epochs of fit on X (50000, 10) with batch_size=2500"),
     (Workload((call("fit", stored("X20"), stored("y20"), **fit_kwargs(0.001, 1, 32, 0)),),
               CLASS, (20,)), "1 epoch of fit on X (50000, 20) with batch_size=32")],
    "A loop over samples (map, functools.reduce and [*Xb] are loops too), or work of size n "
    "inside the batch loop: a full-size copy such as X[order] or y[order] made for every "
    "batch, or the full-data loss computed per batch? Index only the batch's rows "
    "(X[order[start:start + batch_size]]) so that a batch costs O(m d), not O(n d).",
    doc="fit on 50,000 samples runs in time and memory comparable to the reference, with "
        "large batches (2500, 10 features) and with small ones (32, 20 features).")
