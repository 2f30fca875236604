"""Correct solution written with np.einsum for both products, -inf masking, a row maximum
fixed in place where the whole row is masked, np.divide(..., where=) for the division, heads
split and merged with np.swapaxes and a causal mask built by comparing position indices. The
grader must pass every check."""

import numpy as np


def attention(Q, K, V, mask=None):
    d_k = Q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", Q, K) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    row_max[~np.isfinite(row_max)] = 0.0  # a fresh array: safe to write into
    e = np.exp(scores - row_max)
    denom = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, denom, out=np.zeros_like(e), where=denom > 0)
    out = np.einsum("...qk,...kd->...qd", weights, V)
    return out, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if n_heads <= 0 or d_model % n_heads:
            raise ValueError(f"n_heads={n_heads} must divide d_model={d_model}")
        self.d_model, self.n_heads = d_model, n_heads
        self.d_head = d_model // n_heads
        rng = np.random.default_rng(seed)
        scale = d_model ** -0.5
        self.W_q, self.W_k, self.W_v, self.W_o = (
            rng.normal(0.0, scale, size=(d_model, d_model)) for _ in range(4))

    def _heads(self, t):
        B, T, _ = t.shape
        return np.swapaxes(t.reshape(B, T, self.n_heads, self.d_head), 1, 2)

    def forward(self, x, causal=False):
        B, T, D = x.shape
        q, k, v = self._heads(x @ self.W_q), self._heads(x @ self.W_k), self._heads(x @ self.W_v)
        mask = None
        if causal:
            i = np.arange(T)
            mask = i[:, None] >= i[None, :]
        ctx, _ = attention(q, k, v, mask=mask)
        ctx = np.swapaxes(ctx, 1, 2).reshape(B, T, D)
        return ctx @ self.W_o


QUIZ_ANSWERS = {
    "score_spread": 8.0,
    "why_scale": "b",
    "zero_queries": 4.0,
    "fully_masked_nan": "c",
    "reshape_heads": "d",
    "permute_tokens": "a",
    "weights_memory": 16 * 2048 * 2048,
    "causal_first_token": "b",
}
