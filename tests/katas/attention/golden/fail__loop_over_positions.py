"""Correct values, but the causal forward computes one position at a time: query t attends to
the keys 0..t with a Python loop over t (causal by construction, so no mask is needed). The
grader must fail the no-loop-over-positions check, naming the loop."""
# expect-failing: no_loop_over_positions

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
        self.n_heads = n_heads
        rng = np.random.default_rng(seed)
        std = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, std, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, std, size=(d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        hd = D // self.n_heads
        q, k, v = ((x @ W).reshape(B, T, self.n_heads, hd).transpose(0, 2, 1, 3)
                   for W in (self.W_q, self.W_k, self.W_v))
        if causal:
            rows = [attention(q[:, :, t:t + 1], k[:, :, :t + 1], v[:, :, :t + 1])[0]
                    for t in range(T)]
            o = np.concatenate(rows, axis=2)
        else:
            o = attention(q, k, v)[0]
        return o.transpose(0, 2, 1, 3).reshape(B, T, D) @ self.W_o


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
