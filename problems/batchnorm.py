"""Batch normalization (forward, backward, running statistics) and layer normalization — your
implementation.

Read the statement first:   python grader.py show batchnorm
Grade this file:            python grader.py check batchnorm --file <this file>

Rules: NumPy only (no autograd library); no Python loop over samples or features; do not
modify x, dout, gamma or beta.
"""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        """gamma = ones(D), beta = zeros(D), running_mean = zeros(D), running_var = ones(D)
        (all float64, shape (D,) with D = num_features); keep eps and momentum."""
        # TODO: set self.gamma, self.beta, self.running_mean, self.running_var, self.eps,
        # self.momentum
        raise NotImplementedError("TODO: __init__")

    def forward(self, x, training=True):
        """x (N, D) -> gamma * x_hat + beta, shape (N, D).

        training=True: x_hat = (x - mu) / sqrt(var + eps) with the batch mean mu and the
        BIASED batch variance var (axis=0); update running_mean and running_var (the latter
        with the UNBIASED batch variance) by running = (1 - momentum) * running +
        momentum * batch_stat; remember what backward needs.
        training=False: x_hat = (x - running_mean) / sqrt(running_var + eps); change nothing.
        """
        # TODO
        raise NotImplementedError("TODO: forward")

    def backward(self, dout):
        """dout (N, D), the gradient with respect to the output of the last TRAINING forward.

        Return (dx, dgamma, dbeta) of shapes (N, D), (D,), (D,). Remember that mu and var
        depend on every sample of the batch.
        """
        # TODO
        raise NotImplementedError("TODO: backward")


def layer_norm(x, gamma, beta, eps=1e-5):
    """x (..., D), gamma and beta (D,): normalize each vector over the LAST axis with its mean
    and biased variance, then gamma * x_hat + beta; return an array of x's shape."""
    # TODO
    raise NotImplementedError("TODO: layer_norm")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz batchnorm` to read the questions, or see
# them in the grader's output.
QUIZ_ANSWERS = {
    "dx_of_constant_dout": None,
    "running_var_after_one_step": None,
    "why_running_stats": None,
    "tiny_variance_std": None,
    "constant_feature_output": None,
    "layer_norm_in_transformers": None,
    "bias_before_batchnorm": None,
}
