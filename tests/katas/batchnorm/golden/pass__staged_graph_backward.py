"""Correct: the forward is split into small named steps (centering, squaring, variance, inverse
square root, scaling), every intermediate is cached in a dict, and the backward walks the same
graph in reverse, one local derivative per step, instead of using the compact formula. The
running variance comes from the biased one times N / (N - 1)."""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.saved = {}

    def forward(self, x, training=True):
        if training:
            N = x.shape[0]
            mu = np.sum(x, axis=0) / N
            xmu = x - mu
            sq = xmu ** 2
            var = np.sum(sq, axis=0) / N
            sqrtvar = np.sqrt(var + self.eps)
            ivar = 1.0 / sqrtvar
            xhat = xmu * ivar
            out = self.gamma * xhat + self.beta
            self.saved = {"xhat": xhat, "xmu": xmu, "ivar": ivar, "sqrtvar": sqrtvar,
                          "var": var, "gamma": self.gamma}
            momentum = self.momentum
            self.running_mean = (1.0 - momentum) * self.running_mean + momentum * mu
            self.running_var = (1.0 - momentum) * self.running_var + momentum * (var * N / (N - 1))
            return out
        xhat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return self.gamma * xhat + self.beta

    def backward(self, dout):
        s = self.saved
        N = dout.shape[0]
        dbeta = np.sum(dout, axis=0)
        dgamma = np.sum(dout * s["xhat"], axis=0)
        dxhat = dout * s["gamma"]
        divar = np.sum(dxhat * s["xmu"], axis=0)
        dxmu1 = dxhat * s["ivar"]
        dsqrtvar = -divar / s["sqrtvar"] ** 2
        dvar = 0.5 * dsqrtvar / np.sqrt(s["var"] + self.eps)
        dsq = np.ones_like(dout) * dvar / N
        dxmu2 = 2.0 * s["xmu"] * dsq
        dx1 = dxmu1 + dxmu2
        dmu = -np.sum(dx1, axis=0)
        dx2 = np.ones_like(dout) * dmu / N
        dx = dx1 + dx2
        return dx, dgamma, dbeta


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = np.mean(x, axis=-1, keepdims=True)
    xmu = x - mu
    var = np.mean(xmu * xmu, axis=-1, keepdims=True)
    return xmu / np.sqrt(var + eps) * gamma + beta


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
