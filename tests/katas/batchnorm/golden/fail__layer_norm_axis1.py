"""Batch norm is right, but layer_norm normalizes over axis=1, which is the last axis of a 2-D
input only: on (B, T, D) inputs it normalizes over the tokens. The values check names it, and
the shift-invariance check (3-D) fails too."""
# expect-failing: layer_norm_values, shift_invariance

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
        if not training:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) \
                + self.beta
        mu, var = x.mean(axis=0), x.var(axis=0)
        n = x.shape[0]
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        self.inv = 1 / np.sqrt(var + self.eps)
        self.xh = (x - mu) * self.inv
        return self.gamma * self.xh + self.beta

    def backward(self, dout):
        g = dout * self.gamma
        dx = self.inv * (g - g.mean(axis=0) - self.xh * (g * self.xh).mean(axis=0))
        return dx, (dout * self.xh).sum(axis=0), dout.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    var = x.var(axis=1, keepdims=True)
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
