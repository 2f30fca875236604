"""Correct solution that prints arrays while it works: the scores, the mask and the weights of
every call, the projection matrices when they are built, and each head's output in forward
(print, an f-string and logging). It computes the softmax with ufunc where= arguments
(np.max(..., where=, initial=) and np.exp(..., where=, out=)), so masked entries are never
computed. Printing never changes a verdict, so every check passes."""

import logging

import numpy as np

log = logging.getLogger("attention")


def attention(Q, K, V, mask=None):
    scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])
    print("scores", scores.shape, "\n", np.round(scores, 3))
    allowed = np.ones(scores.shape, dtype=bool) if mask is None else \
        np.broadcast_to(mask, scores.shape)
    print("mask:", allowed)
    top = np.max(scores, axis=-1, keepdims=True, where=allowed, initial=-np.inf)
    e = np.exp(scores - top, where=allowed, out=np.zeros(scores.shape))
    total = e.sum(axis=-1, keepdims=True)
    weights = np.divide(e, total, where=total > 0, out=np.zeros(scores.shape))
    print(f"weights {weights}")
    log.warning("row sums %s", weights.sum(axis=-1))
    return weights @ V, weights


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        if d_model % n_heads:
            raise ValueError(f"{d_model} is not divisible by {n_heads}")
        self.d_model, self.n_heads, self.head_dim = d_model, n_heads, d_model // n_heads
        rng = np.random.default_rng(seed)
        for name in ("W_q", "W_k", "W_v", "W_o"):
            setattr(self, name, rng.normal(0.0, 1 / np.sqrt(d_model), (d_model, d_model)))
            print(name, getattr(self, name))

    def split(self, z):
        B, T, _ = z.shape
        return np.moveaxis(z.reshape(B, T, self.n_heads, self.head_dim), 2, 1)

    def forward(self, x, causal=False):
        B, T, _ = x.shape
        print("x =", x)
        mask = np.tril(np.ones((T, T), dtype=bool)) if causal else None
        heads, weights = attention(self.split(x @ self.W_q), self.split(x @ self.W_k),
                                   self.split(x @ self.W_v), mask)
        print("per-head output", heads, "weights", weights)
        merged = np.moveaxis(heads, 1, 2).reshape(B, T, self.d_model)
        out = merged @ self.W_o
        print(repr(out))
        return out


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
