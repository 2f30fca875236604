"""The softmax exponentiates the scores as they are, without subtracting the row maximum.
Ordinary scores work, but scores in the thousands overflow np.exp to inf (inf / inf = nan),
and a row of very negative scores underflows to 0 / 0. The grader must fail the large-scores
check only, saying why."""
# expect-failing: large_scores_stay_finite

import numpy as np


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    e = np.exp(scores)
    if mask is not None:
        e = np.where(mask, e, 0.0)
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total != 0)
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
