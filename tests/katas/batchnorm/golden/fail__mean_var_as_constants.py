"""The classic backward bug: dx = dout * gamma / sqrt(var + eps), as if the batch mean and
variance were constants. dgamma and dbeta are right. Finite differences, the reference, the
dout-of-ones test and the constant feature all show it, each naming the mistake."""
# expect-failing: backward_values, backward_matches_finite_differences, dout_of_ones_gives_zero_dx, constant_feature_stays_finite
# never-says: dx_hat.mean(axis=0) - x_hat

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            mean, var = x.mean(axis=0), x.var(axis=0)
            n = x.shape[0]
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var \
                + self.momentum * var * n / (n - 1)
            self.std = np.sqrt(var + self.eps)
            self.x_hat = (x - mean) / self.std
            return self.gamma * self.x_hat + self.beta
        return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) \
            + self.beta

    def backward(self, dout):
        dx = dout * self.gamma / self.std
        return dx, (dout * self.x_hat).sum(axis=0), dout.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
