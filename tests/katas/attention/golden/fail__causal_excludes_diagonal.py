"""The causal mask is np.tril(..., k=-1): position t attends to positions < t only, so it
never sees itself and position 0 sees nothing (its output is zeros). attention is right. The
grader must fail the causal values, naming the missing diagonal, and the one-head check."""
# expect-failing: causal_values, one_head_equals_attention

import numpy as np


def attention(Q, K, V, mask=None):
    s = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    m = np.max(s, axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    p = np.exp(s - m)
    z = p.sum(axis=-1, keepdims=True)
    p = p / np.maximum(z, 1e-300)
    return p @ V, p


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads:
            raise ValueError("n_heads does not divide d_model")
        self.n_heads = n_heads
        rng = np.random.default_rng(seed)
        sd = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0, sd, (d_model, d_model))
        self.W_k = rng.normal(0, sd, (d_model, d_model))
        self.W_v = rng.normal(0, sd, (d_model, d_model))
        self.W_o = rng.normal(0, sd, (d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        hd = D // self.n_heads
        q, k, v = ((x @ W).reshape(B, T, self.n_heads, hd).swapaxes(1, 2)
                   for W in (self.W_q, self.W_k, self.W_v))
        mask = np.tril(np.ones((T, T), dtype=bool), k=-1) if causal else None  # strictly past
        o, _ = attention(q, k, v, mask)
        return o.swapaxes(1, 2).reshape(B, T, D) @ self.W_o


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
