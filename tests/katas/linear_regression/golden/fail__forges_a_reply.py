"""Writes a reply of its own on the worker's reply channel (its file descriptor is in the
worker's command line) claiming a perfect loss history, hoping the grader reads it instead of
the worker's answer. Replies must echo their request's nonce, so the forged frame is refused:
the calls that forged it fail as a crash, and no forged value is ever used."""
# expect-failing: continues_from_current_parameters, diverges_at_unsafe_lr, first_step, inputs_untouched, no_loop_over_features, no_loop_over_samples, output_shapes, reaches_least_squares, speed_at_scale, trajectory

import json
import os
import struct
import sys

import numpy as np


def _forge(history):
    header = json.dumps({"ok": True, "value": {"kind": "plain", "value": history}}).encode()
    os.write(int(sys.argv[2]), struct.pack(">IQ", len(header), 0) + header)


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        n = X.shape[0]
        e = y_hat - y
        return (2 / n) * X.T @ e, (2 / n) * float(e.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        _forge([0.0] * epochs)
        return [0.0] * epochs


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
