"""Puts eps outside the square root, (x - mu) / (std + eps), in training and in evaluation
(and the usual backward formula with 1 / (std + eps)). With a feature whose variance (1e-6) is far below
eps, the outputs differ a lot; the messages name eps's place."""
# expect-failing: train_forward_values, normalized_statistics, eval_uses_running_statistics, backward_values, backward_matches_finite_differences, constant_feature_stays_finite, layer_norm_values
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
        if not training:
            return self.gamma * (x - self.running_mean) / (np.sqrt(self.running_var) + self.eps) \
                + self.beta
        n = len(x)
        mu = x.mean(0)
        std = x.std(0)
        self.inv = 1 / (std + self.eps)
        self.x_hat = (x - mu) * self.inv
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        self.running_var = (1 - self.momentum) * self.running_var \
            + self.momentum * std ** 2 * n / (n - 1)
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        dx_hat = dout * self.gamma
        dx = self.inv * (dx_hat - dx_hat.mean(0) - self.x_hat * (dx_hat * self.x_hat).mean(0))
        return dx, np.sum(dout * self.x_hat, axis=0), dout.sum(0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    return gamma * (x - mu) / (x.std(-1, keepdims=True) + eps) + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
