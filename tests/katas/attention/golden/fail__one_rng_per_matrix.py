"""Creates a new np.random.default_rng(seed) for each projection matrix, so all four are the
same draw (W_q == W_k: every score matrix is symmetric). Everything else is right, and the
grader sets its own matrices for every value check, so only the constructor check must fail,
naming the repeated generator."""
# expect-failing: init_scheme

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


def init_matrix(d_model, seed):
    return np.random.default_rng(seed).normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model))


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError("n_heads must divide d_model")
        self.d_model, self.n_heads = d_model, n_heads
        self.W_q = init_matrix(d_model, seed)
        self.W_k = init_matrix(d_model, seed)
        self.W_v = init_matrix(d_model, seed)
        self.W_o = init_matrix(d_model, seed)

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
