"""Helpers for katas about attention and transformer blocks (attention, and any later kata with
masks over sequence positions, several heads, or a causal sequence model).

Why a module of its own: such a kata states conventions a plain softmax does not have (a
masked position gets weight exactly 0, a fully masked row gives zeros rather than NaN), and
its classic mistakes are not "the right value times a factor" that
:func:`katakit.author.factor_mistake` names, but other computations: scores scaled by the
wrong dimension, a softmax over the queries, a mask of the wrong polarity or offset, heads
split by a reshape that mixes positions with features. The examiner therefore needs its own
attention with a knob for each of them (:func:`scaled_attention`, :func:`multi_head`), so a
check can name the variant a learner's value equals
(:func:`katakit.author.layers.matching_variant`). Causality is judged by perturbing later
positions (:func:`katakit.author.probes.perturb_after`); :func:`causal_breach` says, in a
learner's words, how earlier outputs moved.
"""

from __future__ import annotations

import numpy as np

from katakit.author.checks import fail
from katakit.author.probes import bit_identical
from katakit.author.values import as_array, returned


def masked_softmax(scores: np.ndarray, mask=None, axis: int = -1) -> np.ndarray:
    """Softmax of ``scores`` along ``axis``, stable (the maximum subtracted), where ``mask``
    (boolean, True = may attend, broadcastable to scores) is False the weight is exactly 0,
    and a slice with no True gets all zeros (not NaN)."""
    scores = np.asarray(scores, dtype=float)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    top = np.max(scores, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    e = np.exp(scores - top)
    total = np.sum(e, axis=axis, keepdims=True)
    return e / np.where(total > 0, total, 1.0)


def scaled_attention(Q, K, V, mask=None, scale=None, axis: int = -1):
    """(out, weights) of scaled dot-product attention: weights = masked_softmax(Q K^T / scale)
    along ``axis`` (-1: over the keys, the right one), out = weights @ V. ``scale`` defaults
    to sqrt(d_k); pass another number for a known-wrong variant."""
    scale = np.sqrt(np.shape(Q)[-1]) if scale is None else scale
    scores = Q @ np.swapaxes(K, -1, -2) / scale
    weights = masked_softmax(scores, None if mask is None else np.broadcast_to(
        mask, scores.shape), axis=axis)
    return weights @ V, weights


def causal_mask(t_q: int, t_k: int | None = None, offset: int = 0) -> np.ndarray:
    """Boolean (t_q, t_k) mask, True = may attend: query t sees keys <= t + offset (offset 0
    is causal attention with the diagonal; -1 excludes the diagonal, 1 lets in one future
    position)."""
    return np.tril(np.ones((t_q, t_q if t_k is None else t_k), dtype=bool), k=offset)


def split_heads(z: np.ndarray, n_heads: int, how: str = "transpose") -> np.ndarray:
    """(B, T, d_model) -> (B, n_heads, T, head_dim), head h holding columns
    h*head_dim:(h+1)*head_dim. ``how``: "transpose" (the right way: reshape to (B, T, n_heads,
    head_dim), then swap axes 1 and 2); "reshape" (the classic mistake: straight to
    (B, n_heads, T, head_dim), which mixes positions with features); "interleaved" (head h
    takes every n_heads-th column)."""
    B, T, d = z.shape
    hd = d // n_heads
    if how == "transpose":
        return z.reshape(B, T, n_heads, hd).transpose(0, 2, 1, 3)
    if how == "reshape":
        return z.reshape(B, n_heads, T, hd)
    if how == "interleaved":
        return z.reshape(B, T, hd, n_heads).transpose(0, 3, 1, 2)
    raise ValueError(how)


def merge_heads(z: np.ndarray, how: str = "transpose") -> np.ndarray:
    """(B, n_heads, T, head_dim) -> (B, T, d_model), the inverse of :func:`split_heads`;
    ``how`` = "reshape" is the classic mistake (no transpose back before the reshape)."""
    B, H, T, hd = z.shape
    if how == "transpose":
        return z.transpose(0, 2, 1, 3).reshape(B, T, H * hd)
    if how == "reshape":
        return z.reshape(B, T, H * hd)
    if how == "interleaved":
        return z.transpose(0, 2, 3, 1).reshape(B, T, H * hd)
    raise ValueError(how)


def multi_head(x, W_q, W_k, W_v, W_o, n_heads: int, mask=None, scale: str = "head",
               split: str = "transpose", merge: str = "transpose", transposed: bool = False,
               project_out: bool = True, axis: int = -1) -> np.ndarray:
    """Multi-head self-attention of ``x`` (B, T, d_model), projections ``x @ W`` (``transposed``:
    the variant ``x @ W.T``), heads by :func:`split_heads` (``split``) and
    :func:`merge_heads` (``merge``), scores divided by sqrt(head_dim) (``scale`` = "head") or
    sqrt(d_model) ("model") or not at all ("none"), then ``@ W_o`` unless ``project_out`` is
    False. ``mask`` broadcasts to (B, n_heads, T, T)."""
    x = np.asarray(x, dtype=float)
    d_model = x.shape[-1]
    weights = [W.T if transposed else W for W in (W_q, W_k, W_v, W_o)]
    Q, K, V = (split_heads(x @ W, n_heads, split) for W in weights[:3])
    size = {"head": np.sqrt(d_model // n_heads), "model": np.sqrt(d_model), "none": 1.0}[scale]
    heads, _ = scaled_attention(Q, K, V, mask, scale=size, axis=axis)
    merged = merge_heads(heads, merge)
    return merged @ weights[3] if project_out else merged


def as_out_and_weights(value, out_shape: tuple, weights_shape: tuple, what: str):
    """``value`` as the pair (out, weights) of float arrays of exactly these shapes, or a
    failure that says what came back instead (one array, swapped order, a wrong shape)."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail(f"{what} should return the pair (out, weights), but it returned "
             f"{returned(value)}")
    shapes = [np.shape(part) if isinstance(part, (np.ndarray, list, tuple)) else None
              for part in value]
    if shapes == [tuple(weights_shape), tuple(out_shape)] and tuple(out_shape) != \
            tuple(weights_shape):
        fail(f"{what} returned (weights, out) with shapes {shapes[0]} and {shapes[1]}: return "
             f"them in the order (out, weights)")
    out = as_array(value[0], tuple(out_shape), f"out, the first item of what {what} returned")
    weights = as_array(value[1], tuple(weights_shape),
                       f"weights, the second item of what {what} returned")
    return out, weights


def causal_breach(before: np.ndarray, after: np.ndarray, position: int, axis: int) -> str:
    """'' when every output at index <= ``position`` along ``axis`` is bit-identical in
    ``before`` and ``after`` (outputs for the original input and for one whose later
    positions were replaced), else how they moved, to follow "changed the outputs ...":
    'to nan or inf', 'by rounding only (largest change 4e-16, ...)' or 'substantially (...)'."""
    index = [slice(None)] * np.ndim(before)
    index[axis] = slice(0, position + 1)
    early, moved = np.asarray(before)[tuple(index)], np.asarray(after)[tuple(index)]
    if bit_identical(moved, early):
        return ""
    if not np.all(np.isfinite(moved)) and np.all(np.isfinite(early)):
        return "to nan or inf"
    gap = float(np.max(np.abs(moved - early)))
    scale = max(float(np.max(np.abs(early), initial=0.0)), 1e-300)
    size = "by rounding only" if gap <= 1e-9 * scale else "substantially"
    return f"{size} (largest change {gap:.3g}, outputs up to {scale:.3g})"


__all__ = ["as_out_and_weights", "causal_breach", "causal_mask", "masked_softmax",
           "merge_heads", "multi_head", "scaled_attention", "split_heads"]
