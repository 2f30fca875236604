"""Normalizes each sample over its features (axis=1, keepdims=True) instead of each feature over
the batch: that is layer norm, not batch norm. Values, statistics and shift invariance fail
(named as the axis mistake) and the gradient checks say the forward is the cause; the running
statistics take the per-sample shape (N, 1) and broadcast into (N, D) arrays, so the running
statistics and a one-sample evaluation fail too (vectorization and speed are then not
measured)."""
# expect-failing: output_shapes, train_forward_values, normalized_statistics, shift_invariance, backward_values, backward_matches_finite_differences, dout_of_ones_gives_zero_dx, constant_feature_stays_finite, running_statistics
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
            mu = x.mean(axis=1, keepdims=True)
            var = x.var(axis=1, keepdims=True)
            self.xhat = (x - mu) / np.sqrt(var + self.eps)
            self.inv = 1 / np.sqrt(var + self.eps)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mu
            self.running_var = (1 - m) * self.running_var + m * x.var(axis=1, ddof=1,
                                                                     keepdims=True)
            return self.gamma * self.xhat + self.beta
        return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) \
            + self.beta

    def backward(self, dout):
        g = dout * self.gamma
        dx = self.inv * (g - g.mean(axis=1, keepdims=True)
                         - self.xhat * (g * self.xhat).mean(axis=1, keepdims=True))
        return dx, (dout * self.xhat).sum(axis=0), dout.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
