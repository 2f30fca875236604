"""Linear regression trained with mini-batch stochastic gradient descent — your implementation.

Read the statement first:   python grader.py show minibatch_sgd
Grade this file:            python grader.py check minibatch_sgd --file <this file>

Rules: NumPy only; the only Python loops allowed are the ones over epochs and over batches;
do not modify X or y (no shuffling in place).
"""

import numpy as np


class MiniBatchSGD:
    def __init__(self, n_features):
        """Start from w = zeros of shape (n_features,) and b = 0.0."""
        # TODO: set self.w and self.b
        raise NotImplementedError("TODO: __init__")

    def predict(self, X):
        """X has shape (n_samples, n_features); return X @ w + b with shape (n_samples,)."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def fit(self, X, y, lr=0.01, epochs=10, batch_size=32, seed=0):
        """Mini-batch SGD on the MSE, from the current w and b.

        rng = np.random.default_rng(seed), created once. Each epoch: record the full-data MSE
        of the current parameters, then order = rng.permutation(n), and for each consecutive
        slice of `batch_size` indices of order (the last one may be smaller, size m) update
        w -= lr * (2/m) * Xb.T @ err and b -= lr * (2/m) * np.sum(err), err = Xb @ w + b - yb.
        Return the list of `epochs` losses.
        """
        # TODO
        raise NotImplementedError("TODO: fit")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz minibatch_sgd` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "updates_per_epoch": None,
    "last_batch_mean": None,
    "unbiased_gradient": None,
    "noise_floor": None,
    "batch_size_for_half_noise": None,
    "reshuffle_each_epoch": None,
    "local_generator": None,
}
