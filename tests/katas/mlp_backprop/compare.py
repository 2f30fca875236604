"""What `compare mlp_backprop` measures, for the learner's code and the reference alike: the
loss curve of fit on three-class spiral data from the same examiner-set parameters, the
accuracy it reaches, and the time per epoch at the speed check's size."""

import numpy as np

from katakit.author import as_array, stored
from katakit.author.linear_models import as_history
from katakit.author.scenario import Metric

CLASS = "TwoLayerNet"


def spirals(rng, per_class=100, classes=3):
    """Interleaved spiral arms, one per class: not linearly separable."""
    radius = np.tile(np.linspace(0.05, 1.0, per_class), classes)
    label = np.repeat(np.arange(classes), per_class)
    angle = radius * 4.0 + label * 2 * np.pi / classes + 0.2 * rng.normal(size=radius.size)
    return np.column_stack([radius * np.sin(angle), radius * np.cos(angle)]), label


def set_parameters(net, params):
    for name, value in params.items():
        net.set(name, value)


def start(rng, d, h, c):
    return {"W1": rng.normal(size=(d, h)) * np.sqrt(2 / d), "b1": np.zeros(h),
            "W2": rng.normal(size=(h, c)) * np.sqrt(2 / h), "b2": np.zeros(c)}


def run(candidate, rng):
    X, y = spirals(rng)
    h, epochs = 64, 400
    net = candidate.new(CLASS, 2, h, 3)
    set_parameters(net, start(rng, 2, h, 3))
    history = as_history(net.call("fit", X, y, lr=1.0, epochs=epochs), epochs,
                         f"fit(X, y, lr=1.0, epochs={epochs})")
    labels = as_array(net.call("predict", X), (len(y),), "predict(X)")
    n, d, big_h, c = 10_000, 40, 64, 10
    candidate.store(X=rng.normal(size=(n, d)), y=rng.integers(0, c, size=n))
    timer = candidate.new(CLASS, d, big_h, c)
    set_parameters(timer, start(rng, d, big_h, c))
    seconds = min(timer.timed_call("fit", stored("X"), stored("y"), lr=0.1,
                                   epochs=5)[1].seconds for _ in range(3))
    metrics = [
        Metric("first loss", float(history[0])),
        Metric("final loss", float(history[-1])),
        Metric("training accuracy", float(np.mean(labels == y))),
        Metric("epochs to halve the first loss",
               int(np.argmax(history <= history[0] / 2)) if np.any(history <= history[0] / 2)
               else f"> {epochs}"),
        Metric("ms per epoch (10000 x 40, 64 hidden, 10 classes)", 1000 * seconds / 5,
               ratio=True),
    ]
    return metrics, {"loss": history}
