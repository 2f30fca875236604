"""Masks with -inf and subtracts the row maximum, but has no special case for a row whose mask
is all False: its maximum is -inf, -inf - (-inf) is nan, and the whole row (weights and output)
becomes nan. Every other row is right. The grader must fail the fully-masked-row check only."""
# expect-failing: fully_masked_row

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(scores)
    weights = e / e.sum(axis=-1, keepdims=True)
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError("n_heads must divide d_model")
        self.d_model, self.n_heads = d_model, n_heads
        rng = np.random.default_rng(seed)
        std = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, std, size=(d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        hd = D // self.n_heads
        split = lambda z: z.reshape(B, T, self.n_heads, hd).transpose(0, 2, 1, 3)
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
