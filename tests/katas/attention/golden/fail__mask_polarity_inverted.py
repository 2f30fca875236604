"""Reads the mask as "True = hide this key" (the opposite of the spec) everywhere: attention
sets the scores to -inf where the mask is True, and forward builds its causal mask as
np.triu(..., k=1), the positions to hide, which is right for that reading. So forward is right,
but attention with any mask is wrong: the grader must name the inverted polarity."""
# expect-failing: causality, fully_masked_row, large_scores_stay_finite, mask_values, masked_weights_are_zero, one_head_equals_attention, weights_sum_to_one

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, -np.inf, scores)     # mask out the True positions
    top = np.max(scores, axis=-1, keepdims=True)
    top[np.isneginf(top)] = 0.0
    e = np.exp(scores - top)
    norm = e.sum(axis=-1, keepdims=True)
    norm[norm == 0] = 1.0
    weights = e / norm
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads != 0:
            raise ValueError("bad n_heads")
        self.n_heads = n_heads
        rng = np.random.default_rng(seed)
        self.W_q, self.W_k, self.W_v, self.W_o = [
            rng.normal(0.0, 1 / np.sqrt(d_model), size=(d_model, d_model)) for _ in range(4)]

    def forward(self, x, causal=False):
        B, T, D = x.shape
        hd = D // self.n_heads
        heads = [(x @ W).reshape(B, T, self.n_heads, hd).transpose(0, 2, 1, 3)
                 for W in (self.W_q, self.W_k, self.W_v)]
        future = np.triu(np.ones((T, T), dtype=bool), k=1) if causal else None
        out, _ = attention(*heads, mask=future)
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
