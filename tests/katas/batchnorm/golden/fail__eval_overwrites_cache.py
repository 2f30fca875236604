"""Evaluation mode is right, but it stores its own x_hat and inverse standard deviation in the
same attributes the training forward uses, so a backward after an evaluation call differentiates
the wrong forward. Only the check of that rule fails."""
# expect-failing: backward_after_eval_forward
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
            mu, var = x.mean(axis=0), x.var(axis=0)
            n = len(x)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
            self.running_var = (1 - self.momentum) * self.running_var \
                + self.momentum * var * n / (n - 1)
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.x_hat = (x - mu) * self.inv_std
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        g = dout * self.gamma
        dx = self.inv_std * (g - g.mean(axis=0) - self.x_hat * (g * self.x_hat).mean(axis=0))
        return dx, (dout * self.x_hat).sum(axis=0), dout.sum(axis=0)


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
