"""attention is right, but forward computes each head's attention itself and divides the
scores by sqrt(d_model) instead of sqrt(head_dim). With one head the two agree; with 3 heads of
size 4 (d_model = 12) every forward value is wrong, and the grader must say sqrt(d_model)."""
# expect-failing: causal_values, forward_values

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isinf(m), 0.0, m)
    e = np.exp(scores - m)
    s = e.sum(axis=-1, keepdims=True)
    w = e / np.where(s == 0, 1.0, s)
    return w @ V, w


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads:
            raise ValueError("d_model % n_heads != 0")
        self.d_model, self.n_heads = d_model, n_heads
        rng = np.random.default_rng(seed)
        self.W_q = rng.normal(0, d_model ** -0.5, (d_model, d_model))
        self.W_k = rng.normal(0, d_model ** -0.5, (d_model, d_model))
        self.W_v = rng.normal(0, d_model ** -0.5, (d_model, d_model))
        self.W_o = rng.normal(0, d_model ** -0.5, (d_model, d_model))

    def forward(self, x, causal=False):
        B, T, _ = x.shape
        h, hd = self.n_heads, self.d_model // self.n_heads
        q = (x @ self.W_q).reshape(B, T, h, hd).transpose(0, 2, 1, 3)
        k = (x @ self.W_k).reshape(B, T, h, hd).transpose(0, 2, 1, 3)
        v = (x @ self.W_v).reshape(B, T, h, hd).transpose(0, 2, 1, 3)
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(self.d_model)
        if causal:
            scores = np.where(np.tril(np.ones((T, T), bool)), scores, -np.inf)
        scores = scores - scores.max(axis=-1, keepdims=True)
        w = np.exp(scores)
        w /= w.sum(axis=-1, keepdims=True)
        ctx = (w @ v).transpose(0, 2, 1, 3).reshape(B, T, self.d_model)
        return ctx @ self.W_o


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
