"""Splits the heads with a plain reshape straight to (B, n_heads, T, head_dim), which has the
right shape but mixes positions with features (the merge back is a correct transpose and
reshape). With one head nothing changes; with several every forward value is wrong and the
output is no longer equivariant to permuting the tokens. The grader must name the reshape."""
# expect-failing: causal_values, causality, forward_values, permutation_equivariance

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m[~np.isfinite(m)] = 0
    w = np.exp(scores - m)
    s = w.sum(axis=-1, keepdims=True)
    w = np.where(s > 0, w / np.where(s > 0, s, 1), 0.0)
    return w @ V, w


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError("d_model must be divisible by n_heads")
        self.d_model = d_model
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        rng = np.random.default_rng(seed)
        self.W_q = rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_k = rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_v = rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_o = rng.normal(0, 1 / np.sqrt(d_model), (d_model, d_model))

    def split_heads(self, t):
        B, T, _ = t.shape
        return t.reshape(B, self.n_heads, T, self.head_dim)

    def forward(self, x, causal=False):
        B, T, _ = x.shape
        q = self.split_heads(x @ self.W_q)
        k = self.split_heads(x @ self.W_k)
        v = self.split_heads(x @ self.W_v)
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        o, _ = attention(q, k, v, mask)
        o = o.transpose(0, 2, 1, 3).reshape(B, T, self.d_model)
        return o @ self.W_o


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
