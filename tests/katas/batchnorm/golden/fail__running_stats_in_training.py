"""Updates the running statistics first, then normalizes the training batch with them, as if
training and evaluation were the same computation. The training outputs are wrong (named), they
are not mean 0 per feature and not shift invariant; the backward's x_hat is not the batch's."""
# expect-failing: train_forward_values, normalized_statistics, shift_invariance, backward_values, backward_matches_finite_differences, dout_of_ones_gives_zero_dx, constant_feature_stays_finite
# never-says: dx_hat.mean(axis=0) - x_hat

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * np.mean(x, axis=0)
            self.running_var = (1 - m) * self.running_var + m * np.var(x, axis=0, ddof=1)
        inv = 1.0 / np.sqrt(self.running_var + self.eps)
        x_hat = (x - self.running_mean) * inv
        if training:
            self.cache = (x_hat, inv)
        return self.gamma * x_hat + self.beta

    def backward(self, dout):
        x_hat, inv = self.cache
        g = dout * self.gamma
        dx = inv * (g - g.mean(axis=0) - x_hat * np.mean(g * x_hat, axis=0))
        return dx, np.sum(dout * x_hat, axis=0), np.sum(dout, axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
