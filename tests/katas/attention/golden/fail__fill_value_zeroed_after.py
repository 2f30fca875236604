"""The pattern of many transformer codebases: the masked scores are filled with the finite value
-1e4 (np.where(mask, scores, -1e4)), a stable softmax follows, and the weights are multiplied by
the mask afterwards, so the masked weights are exactly 0 and a fully masked row is zeros. On
ordinary scores that is right, but the statement warns that the grader's scores reach the tens
of thousands: for a query whose allowed scores are all below -1e4, the masked keys win the
softmax and the row ends up all zeros. large_scores_stay_finite must name the finite fill
value (nothing else fails: no masked weight is ever non-zero)."""
# expect-failing: large_scores_stay_finite

import numpy as np

NEG = -1e4


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    if mask is None:
        weights = softmax(scores)
    else:
        weights = softmax(np.where(mask, scores, NEG)) * mask
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads:
            raise ValueError("n_heads must divide d_model")
        self.n_heads = n_heads
        rng = np.random.default_rng(seed)
        scale = 1 / np.sqrt(d_model)
        self.W_q = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_k = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_v = rng.normal(0.0, scale, size=(d_model, d_model))
        self.W_o = rng.normal(0.0, scale, size=(d_model, d_model))

    def forward(self, x, causal=False):
        B, T, D = x.shape
        H = self.n_heads

        def split(z):
            return z.reshape(B, T, H, D // H).transpose(0, 2, 1, 3)

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
