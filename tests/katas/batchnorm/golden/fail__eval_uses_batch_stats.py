"""Ignores the training flag: evaluation normalizes with the batch's own statistics (a single
sample then comes out as beta) and updates the running statistics too. The evaluation check
fails, naming the mistake; backward after an evaluation forward also changes (the cache is
overwritten by the evaluation call)."""
# expect-failing: eval_uses_running_statistics, backward_after_eval_forward
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
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        n = x.shape[0]
        if n > 1:
            self.running_mean = 0.9 * self.running_mean + 0.1 * mu if self.momentum == 0.1 else \
                (1 - self.momentum) * self.running_mean + self.momentum * mu
            self.running_var = (1 - self.momentum) * self.running_var \
                + self.momentum * var * n / (n - 1)
        self.inv = 1.0 / np.sqrt(var + self.eps)
        self.xhat = (x - mu) * self.inv
        return self.gamma * self.xhat + self.beta

    def backward(self, dout):
        dxhat = dout * self.gamma
        dx = self.inv * (dxhat - dxhat.mean(axis=0) - self.xhat * np.mean(dxhat * self.xhat, axis=0))
        return dx, np.sum(dout * self.xhat, axis=0), np.sum(dout, axis=0)


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
