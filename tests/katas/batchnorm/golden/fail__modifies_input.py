"""Right values, but the training forward centres x in place (x -= mu) and the backward scales
dout in place (dout *= gamma): the caller's arrays change. The robustness check names the
line."""
# expect-failing: inputs_untouched

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
        n = x.shape[0]
        mu = x.mean(axis=0)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        x -= mu
        var = (x ** 2).mean(axis=0)
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        self.inv = 1 / np.sqrt(var + self.eps)
        self.x_hat = x * self.inv
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        dgamma = (dout * self.x_hat).sum(axis=0)
        dbeta = dout.sum(axis=0)
        dout *= self.gamma
        dx = self.inv * (dout - dout.mean(axis=0) - self.x_hat * (dout * self.x_hat).mean(axis=0))
        return dx, dgamma, dbeta


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
