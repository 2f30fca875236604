"""Thinks in column vectors, as many papers write it: q_t = W_q x_t for each token and
out_t = W_o merged_t, vectorized as x @ W_q.T and merged @ W_o.T. The spec multiplies on the
right (x @ W_q, merged @ W_o), so with the grader's matrices every forward value is wrong,
and the grader must say which convention to use."""
# expect-failing: causal_values, forward_values, one_head_equals_attention

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
        if d_model % n_heads != 0:
            raise ValueError("n_heads must divide d_model")
        self.d_model, self.n_heads = d_model, n_heads
        rng = np.random.default_rng(seed)
        std = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, std, size=(d_model, d_model))

    def project(self, W, x):
        # W @ x_t for every token t at once
        return np.einsum("ij,btj->bti", W, x)

    def forward(self, x, causal=False):
        B, T, D = x.shape
        hd = D // self.n_heads
        split = lambda z: z.reshape(B, T, self.n_heads, hd).transpose(0, 2, 1, 3)
        q, k, v = (split(self.project(W, x)) for W in (self.W_q, self.W_k, self.W_v))
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        out, _ = attention(q, k, v, mask)
        return self.project(self.W_o, out.transpose(0, 2, 1, 3).reshape(B, T, D))


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
