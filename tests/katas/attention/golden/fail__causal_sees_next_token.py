"""The causal mask hides only the positions two or more steps ahead (the blocked set is
np.triu(..., k=2)), so position t also sees t + 1: an off-by-one that leaks the next token.
The grader must fail the causal values and causality, naming the extra future position."""
# expect-failing: causal_values, causality, one_head_equals_attention

import numpy as np


def attention(Q, K, V, mask=None):
    d = Q.shape[-1]
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    mx = scores.max(axis=-1, keepdims=True)
    mx = np.nan_to_num(mx, neginf=0.0)
    ex = np.exp(scores - mx)
    tot = ex.sum(axis=-1, keepdims=True)
    w = np.divide(ex, tot, out=np.zeros_like(ex), where=tot > 0)
    return np.matmul(w, V), w


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError(f"{d_model} % {n_heads} != 0")
        self.n_heads, self.d_model = n_heads, d_model
        rng = np.random.default_rng(seed)
        self.W_q = rng.normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_k = rng.normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_v = rng.normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model))
        self.W_o = rng.normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model))

    def forward(self, x, causal=False):
        B, T, _ = x.shape
        H, hd = self.n_heads, self.d_model // self.n_heads
        sp = lambda W: (x @ W).reshape(B, T, H, hd).transpose(0, 2, 1, 3)
        mask = None
        if causal:
            future = np.triu(np.ones((T, T), dtype=bool), k=2)
            mask = ~future
        o, _ = attention(sp(self.W_q), sp(self.W_k), sp(self.W_v), mask)
        return o.transpose(0, 2, 1, 3).reshape(B, T, self.d_model) @ self.W_o


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
