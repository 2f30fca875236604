"""Leaves eps out: (x - mu) / np.sqrt(var) in training, evaluation and layer norm. A constant
feature gives 0 / 0 = nan; features with a variance far below eps are blown up to unit
variance. The values checks name the missing eps, the constant-feature check the nan."""
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
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var) + self.beta
        mu, sigma = x.mean(axis=0), x.std(axis=0)
        n = len(x)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        self.running_var = (1 - self.momentum) * self.running_var \
            + self.momentum * sigma ** 2 * n / (n - 1)
        self.sigma = sigma
        self.z = (x - mu) / sigma
        return self.gamma * self.z + self.beta

    def backward(self, dout):
        g = dout * self.gamma
        dx = (g - g.mean(axis=0) - self.z * (g * self.z).mean(axis=0)) / self.sigma
        return dx, (dout * self.z).sum(axis=0), dout.sum(axis=0)


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / x.std(axis=-1, keepdims=True) + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
