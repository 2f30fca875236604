"""Right values, but forward and backward loop over the features, one column at a time, and
layer_norm loops over the vectors. The features check names the loop line; the samples check
fails for layer_norm, whose loop grows with the number of vectors."""
# expect-failing: no_loop_over_features, no_loop_over_samples

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.d = num_features
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        out = np.empty_like(x)
        if training:
            self.xhat = np.empty_like(x)
            self.inv = np.empty(x.shape[1])
            new_mean, new_var = np.empty(x.shape[1]), np.empty(x.shape[1])
        for j in range(x.shape[1]):
            col = x[:, j]
            if training:
                mu, var = col.mean(), col.var()
                self.inv[j] = 1 / np.sqrt(var + self.eps)
                self.xhat[:, j] = (col - mu) * self.inv[j]
                out[:, j] = self.gamma[j] * self.xhat[:, j] + self.beta[j]
                new_mean[j] = (1 - self.momentum) * self.running_mean[j] + self.momentum * mu
                new_var[j] = (1 - self.momentum) * self.running_var[j] \
                    + self.momentum * col.var(ddof=1)
            else:
                out[:, j] = self.gamma[j] * (col - self.running_mean[j]) \
                    / np.sqrt(self.running_var[j] + self.eps) + self.beta[j]
        if training:
            self.running_mean, self.running_var = new_mean, new_var
        return out

    def backward(self, dout):
        dx = np.empty_like(dout)
        dgamma, dbeta = np.empty(dout.shape[1]), np.empty(dout.shape[1])
        for j in range(dout.shape[1]):
            g = dout[:, j] * self.gamma[j]
            xh = self.xhat[:, j]
            dx[:, j] = self.inv[j] * (g - g.mean() - xh * (g * xh).mean())
            dgamma[j] = (dout[:, j] * xh).sum()
            dbeta[j] = dout[:, j].sum()
        return dx, dgamma, dbeta


def layer_norm(x, gamma, beta, eps=1e-5):
    flat = x.reshape(-1, x.shape[-1])
    rows = [gamma * (v - v.mean()) / np.sqrt(v.var() + eps) + beta for v in flat]
    return np.array(rows).reshape(x.shape)


QUIZ_ANSWERS = {
    "dx_of_constant_dout": "c",
    "running_var_after_one_step": 1.0666667,
    "why_running_stats": "a",
    "tiny_variance_std": 0.3015113,
    "constant_feature_output": "d",
    "layer_norm_in_transformers": "b",
    "bias_before_batchnorm": "c",
}
