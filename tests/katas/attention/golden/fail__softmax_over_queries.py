"""The softmax normalizes over axis=-2 (the queries) instead of the last axis (the keys), so
each COLUMN of weights sums to 1. Everything else follows the spec. The grader must fail every
check of values (attention and forward), the row sums, and causality (earlier rows now depend
on later queries), naming the wrong axis."""
# expect-failing: attention_values, causal_values, causality, forward_values, fully_masked_row, large_scores_stay_finite, mask_values, weights_sum_to_one

import numpy as np


def softmax(z, axis):
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e30)
    weights = softmax(scores, axis=-2)  # normalize over the sequence
    if mask is not None:
        weights = weights * np.broadcast_to(mask, weights.shape)
    return weights @ V, weights


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
