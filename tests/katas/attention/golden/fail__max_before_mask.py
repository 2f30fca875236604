"""Takes each row's maximum of the scores BEFORE masking, then sets the masked scores to -inf,
exponentiates and divides by the row sum (zeros where the sum is 0). The mask is applied before
the softmax, and on ordinary scores the weights are right; but the maximum still includes the
masked scores, so when a masked score is far above the allowed ones, every allowed
np.exp(score - maximum) underflows to 0 and the row becomes zeros. large_scores_stay_finite
must name the maximum taken before masking (not a mask applied after the softmax), and
causality fails because the masked (future) scores still move the maximum, so earlier outputs
change in the last bits."""
# expect-failing: large_scores_stay_finite, causality
# never-says: AFTER the softmax, so the rows no longer sum

import numpy as np


def attention(Q, K, V, mask=None):
    scores = np.matmul(Q, np.swapaxes(K, -1, -2)) / np.sqrt(Q.shape[-1])
    shift = np.max(scores, axis=-1, keepdims=True)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - shift)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
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
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        heads, _ = attention(q, k, v, mask)
        return heads.transpose(0, 2, 1, 3).reshape(B, T, D) @ self.W_o


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
