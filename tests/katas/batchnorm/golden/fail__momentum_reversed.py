"""Reverses the momentum: running = momentum * running + (1 - momentum) * batch_stat (the
convention of some other libraries, where momentum weighs the old value). Only the running
statistics check fails, naming the direction."""
# expect-failing: running_statistics

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
            return (x - self.running_mean) / np.sqrt(self.running_var + self.eps) * self.gamma \
                + self.beta
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
        self.running_var = self.momentum * self.running_var \
            + (1 - self.momentum) * x.var(axis=0, ddof=1)
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.x_hat = (x - mu) * self.inv_std
        return self.x_hat * self.gamma + self.beta

    def backward(self, dout):
        dxh = dout * self.gamma
        dx = self.inv_std * (dxh - dxh.mean(axis=0) - self.x_hat * (dxh * self.x_hat).mean(axis=0))
        return dx, (dout * self.x_hat).sum(axis=0), dout.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + eps) * gamma + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
