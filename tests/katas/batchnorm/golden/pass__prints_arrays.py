"""Correct, and prints every array it computes (batch statistics, x_hat, running statistics,
gradients) as it works. Printing never changes a verdict, so every check passes."""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        print("init", self.gamma, self.beta, self.running_mean, self.running_var)

    def forward(self, x, training=True):
        print("forward, training =", training, "x =", x)
        if training:
            mu = np.mean(x, axis=0)
            var = np.var(x, axis=0)
            print("mu", mu, "var", var)
            self.inv = 1 / np.sqrt(var + self.eps)
            self.xhat = (x - mu) * self.inv
            print("xhat", self.xhat)
            n = len(x)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
            self.running_var = ((1 - self.momentum) * self.running_var
                                + self.momentum * var * n / (n - 1))
            print("running", self.running_mean, self.running_var)
            out = self.gamma * self.xhat + self.beta
        else:
            out = self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) \
                + self.beta
        print("out", out)
        return out

    def backward(self, dout):
        print("backward, dout =", dout)
        g = dout * self.gamma
        dx = self.inv * (g - np.mean(g, axis=0) - self.xhat * np.mean(g * self.xhat, axis=0))
        dgamma = np.sum(dout * self.xhat, axis=0)
        dbeta = np.sum(dout, axis=0)
        print("dx", dx, "dgamma", dgamma, "dbeta", dbeta)
        return dx, dgamma, dbeta


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    print("layer_norm mu", mu, "var", var)
    out = gamma * (x - mu) / np.sqrt(var + eps) + beta
    print(out)
    return out


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
