"""Correct solution that masks with a large finite negative number (-1e9) and then zeroes the
rows that had no allowed key, keeps the heads inside the projection matrices (einsum with
W.reshape(d_model, n_heads, head_dim)), builds the causal mask as the complement of
np.triu(..., k=1) and merges the heads inside the output projection. The grader must pass every
check: exp(-1e9 - m) is exactly 0 in float64."""

import numpy as np

NEG = -1e9


def softmax_last(z):
    z = z - z.max(axis=-1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=-1, keepdims=True)


def attention(Q, K, V, mask=None):
    scores = (Q @ np.swapaxes(K, -2, -1)) * (1.0 / np.sqrt(K.shape[-1]))
    if mask is None:
        w = softmax_last(scores)
    else:
        w = softmax_last(np.where(mask, scores, NEG))
        w = w * np.any(mask, axis=-1, keepdims=True)  # rows with nothing allowed -> 0
    return w @ V, w


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError("d_model must be a multiple of n_heads")
        self.h = n_heads
        self.dh = d_model // n_heads
        g = np.random.default_rng(seed)
        s = 1 / np.sqrt(d_model)
        self.W_q = g.normal(0.0, s, (d_model, d_model))
        self.W_k = g.normal(0.0, s, (d_model, d_model))
        self.W_v = g.normal(0.0, s, (d_model, d_model))
        self.W_o = g.normal(0.0, s, (d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        per_head = lambda W: np.einsum("btd,dhe->bhte", x, W.reshape(D, self.h, self.dh))
        q, k, v = per_head(self.W_q), per_head(self.W_k), per_head(self.W_v)
        blocked = np.triu(np.ones((T, T), dtype=bool), k=1)
        o, _ = attention(q, k, v, ~blocked if causal else None)
        return np.einsum("bhte,hem->btm", o, self.W_o.reshape(self.h, self.dh, D))


QUIZ_ANSWERS = {
    "score_spread": 8,
    "why_scale": "b",
    "zero_queries": 4,
    "fully_masked_nan": "c",
    "reshape_heads": "d",
    "permute_tokens": "a",
    "weights_memory": 67108864,
    "causal_first_token": "b",
}
