"""What `compare kmeans` measures, for the learner's code and the reference alike: the inertia
after each iteration (the curve), how many iterations Lloyd's algorithm ran and where it
ended, from the same examiner-supplied init, and the time per iteration at scale."""

import numpy as np

from katakit.author import as_array, stored
from katakit.author.scenario import Metric
from katakit.author.unsupervised import as_history, blobs


def crowded(rng, X, k):
    """k rows of X near one random sample: a start far from the clusters, so the curve is
    long enough to see."""
    centre = X[rng.integers(len(X))]
    near = np.argsort(((X - centre) ** 2).sum(axis=1))[: 3 * k]
    return X[rng.choice(near, k, replace=False)].copy()


def run(candidate, rng):
    n, d, k = 600, 2, 6
    X = blobs(rng, n, d, k, separation=2.0)
    init = crowded(rng, X, k)
    model = candidate.new("KMeans", k)
    history = as_history(model.call("fit", X, init), "fit(X, init)", 100)
    centroids = as_array(model.get("centroids_"), (k, d), "centroids_")
    order = np.lexsort(centroids.T[::-1])  # the same centroids print the same way
    big = blobs(rng, 10_000, 10, 8)
    candidate.store(X=big, init=crowded(rng, big, 8))
    timer = candidate.new("KMeans", 8, max_iters=5)
    seconds = min(timer.timed_call("fit", stored("X"), stored("init"))[1].seconds
                  for _ in range(3))
    metrics = [
        Metric("iterations", len(history)),
        Metric("first inertia", float(history[0])),
        Metric("final inertia", float(history[-1])),
        Metric("centroids (sorted)", np.array2string(centroids[order], precision=2,
                                                     separator=", ")),
        Metric("ms per iteration (10000 x 10, k = 8)", 1000 * seconds / 5, ratio=True),
    ]
    return metrics, {"inertia": np.asarray(history, dtype=float)}
