"""Reference solution: scaled dot-product attention with a boolean mask, and multi-head
self-attention built on it."""

import numpy as np


def attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(d_k)           # (..., T_q, T_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)                 # masked: exp(-inf) = 0
    top = np.max(scores, axis=-1, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)                   # a fully masked row: all -inf
    e = np.exp(scores - top)
    total = np.sum(e, axis=-1, keepdims=True)
    weights = e / np.where(total > 0, total, 1.0)                # that row stays all zeros
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
        self.d_model, self.n_heads = d_model, n_heads
        self.head_dim = d_model // n_heads
        rng = np.random.default_rng(seed)
        std = 1.0 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, std, size=(d_model, d_model))

    def _split(self, z):
        B, T, _ = z.shape
        return z.reshape(B, T, self.n_heads, self.head_dim).transpose(0, 2, 1, 3)

    def forward(self, x, causal=False):
        B, T, _ = x.shape
        Q, K, V = (self._split(x @ W) for W in (self.W_q, self.W_k, self.W_v))
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        heads, _ = attention(Q, K, V, mask)                      # (B, n_heads, T, head_dim)
        merged = heads.transpose(0, 2, 1, 3).reshape(B, T, self.d_model)
        return merged @ self.W_o


QUIZ_ANSWERS = {
    "score_spread": 8,
    "why_scale": "b",
    "zero_queries": 4,
    "fully_masked_nan": "c",
    "reshape_heads": "d",
    "permute_tokens": "a",
    "weights_memory": 67_108_864,
    "causal_first_token": "b",
}
