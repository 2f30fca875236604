"""What `compare linear_regression` measures, for the learner's code and the reference alike."""

from __future__ import annotations

import numpy as np

from katakit.checking import as_array, as_float
from katakit.compare import Metric

N, D, LR, EPOCHS = 400, 5, 0.05, 300
TOLERANCE = 1e-6  # of the initial excess loss, for "epochs to converge"


def run(candidate, rng):
    X = rng.normal(size=(N, D))
    y = X @ rng.normal(size=D) + rng.normal() + 0.5 * rng.normal(size=N)
    model = candidate.new("LinearRegression", D)
    history = as_array(model.call("fit", X, y, lr=LR, epochs=EPOCHS), (EPOCHS,), "fit(...)")
    w = as_array(model.get("w"), (D,), "w")
    b = as_float(model.get("b"), "b")
    design = np.column_stack([X, np.ones(N)])
    optimum = np.linalg.lstsq(design, y, rcond=None)[0]
    best_loss = float(np.mean((design @ optimum - y) ** 2))
    excess = history - best_loss
    reached = np.flatnonzero(excess <= TOLERANCE * excess[0])
    big = rng.normal(size=(20_000, 20))
    candidate.store(X=big, y=big @ rng.normal(size=20))
    timer = candidate.new("LinearRegression", 20)
    seconds = min(timer.timed_call("fit", {"__stored__": "X"}, {"__stored__": "y"},
                                   epochs=20)[1] for _ in range(3))
    metrics = [
        Metric("final loss", float(history[-1])),
        Metric("w", np.array2string(w, precision=4, separator=", ")),
        Metric("b", round(b, 6)),
        Metric("gap to least squares |[w,b] - opt|", float(np.linalg.norm(np.append(w, b)
                                                                       - optimum))),
        Metric(f"epochs to within {TOLERANCE:g} of optimum",
               int(reached[0]) if reached.size else f"> {EPOCHS}"),
        Metric("ms per epoch (20000 x 20)", 1000 * seconds / 20, ratio=True),
    ]
    return metrics, {"loss above the least-squares optimum": excess}
