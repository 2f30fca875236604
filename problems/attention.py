"""Scaled dot-product attention and multi-head self-attention — your implementation.

Read the statement first:   python grader.py show attention
Grade this file:            python grader.py check attention --file <this file>

Rules: NumPy only; no Python loops over the batch, the heads or the positions; do not modify
the inputs.
"""

import numpy as np


def attention(Q, K, V, mask=None):
    """Scaled dot-product attention.

    Q (..., T_q, d_k), K (..., T_k, d_k), V (..., T_k, d_v); mask None or boolean, True meaning
    "may attend", broadcastable to (..., T_q, T_k).
    Return (out, weights): out (..., T_q, d_v), weights (..., T_q, T_k), where
    weights = softmax(Q K^T / sqrt(d_k)) over the last axis, masked weights exactly 0, a fully
    masked row all zeros, and out = weights @ V.
    """
    # TODO
    raise NotImplementedError("TODO: attention")


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        """Raise ValueError unless n_heads divides d_model. Then, with
        rng = np.random.default_rng(seed), draw W_q, W_k, W_v, W_o (in this order), each
        rng.normal(0.0, 1 / np.sqrt(d_model), size=(d_model, d_model))."""
        # TODO: check the sizes, set self.W_q, self.W_k, self.W_v, self.W_o
        raise NotImplementedError("TODO: __init__")

    def forward(self, x, causal=False):
        """x (B, T, d_model) -> (B, T, d_model): project (x @ W_q ...), split into n_heads heads
        (B, n_heads, T, head_dim), attend (causal: position t sees positions 0..t), merge the
        heads back and project with W_o."""
        # TODO
        raise NotImplementedError("TODO: forward")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz attention` to read the questions, or see
# them in the grader's output.
QUIZ_ANSWERS = {
    "score_spread": None,
    "why_scale": None,
    "zero_queries": None,
    "fully_masked_nan": None,
    "reshape_heads": None,
    "permute_tokens": None,
    "weights_memory": None,
    "causal_first_token": None,
}
