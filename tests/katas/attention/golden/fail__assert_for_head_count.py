"""Checks the head count with an assert instead of raising ValueError, and computes the head
size first, so MultiHeadAttention(10, 3) raises AssertionError. Everything else is right. The
grader must fail the indivisible-heads check only, asking for ValueError."""
# expect-failing: indivisible_heads_raise

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = np.max(scores, axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    e = np.exp(scores - m)
    s = np.sum(e, axis=-1, keepdims=True)
    w = e / np.where(s > 0, s, 1.0)
    return w @ V, w


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        self.d_model, self.n_heads = d_model, n_heads
        self.head_dim = d_model // n_heads
        assert self.head_dim * n_heads == d_model, "d_model must be divisible by n_heads"
        rng = np.random.default_rng(seed)
        std = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, std, size=(d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        split = lambda z: z.reshape(B, T, self.n_heads, self.head_dim).transpose(0, 2, 1, 3)
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        out, _ = attention(split(x @ self.W_q), split(x @ self.W_k), split(x @ self.W_v), mask)
        return out.transpose(0, 2, 1, 3).reshape(B, T, D) @ self.W_o


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
