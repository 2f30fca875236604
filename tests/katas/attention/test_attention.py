"""Hidden checks for the attention kata.

Expected values come from the examiner's own attention (``katakit.author.transformers``, the
same computation as the reference) run in this process; every multi-head check first sets the
four projection matrices on the learner's object, so values are exact whatever the constructor
drew. Causality is judged by replacing later tokens and requiring earlier outputs to stay
bit-identical (the reference is, since masked scores become exactly 0 before they are summed);
permutation equivariance, by permuting tokens.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerRaised, Workload, as_array, call, check, close, data_note,
                            fail, probes, standard, stored, worst_gap)
from katakit.author.layers import matching_variant, no_loop_each
from katakit.author.networks import same_results, set_parameters
from katakit.author.transformers import (as_out_and_weights, causal_breach, causal_mask,
                                         masked_softmax, multi_head, scaled_attention)
from katakit.candidate.errors import NotAttempted

CLASS = "MultiHeadAttention"
NAMES = ("W_q", "W_k", "W_v", "W_o")
FIX_ATTENTION = ("scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1]); a softmax over "
                 "the last axis (the keys); out = weights @ V")
FIX_MASK = ("scores = np.where(mask, scores, -np.inf) before the softmax, then subtract each "
            "row's maximum (replaced by 0 where the whole row is masked) and divide by the "
            "row sum where it is > 0")
FIX_HEADS = ("Q = (x @ W_q).reshape(B, T, n_heads, head_dim).transpose(0, 2, 1, 3), the same "
             "for K and V; heads = attention(Q, K, V, mask)[0]; merged = heads.transpose(0, 2, "
             "1, 3).reshape(B, T, d_model); return merged @ W_o")


# --- data and the examiner's own computations ------------------------------------------------

def make_qkv(rng, lead, t_q, t_k, d_k, d_v, scale=1.0):
    """Q (*lead, t_q, d_k), K (*lead, t_k, d_k), V (*lead, t_k, d_v)."""
    lead = tuple(lead)
    return (scale * rng.normal(size=lead + (t_q, d_k)), scale * rng.normal(size=lead + (t_k, d_k)),
            rng.normal(size=lead + (t_k, d_v)))


def random_mask(rng, shape, keep=0.6):
    """A boolean mask, True = may attend, with at least one True in every row."""
    mask = rng.random(shape) < keep
    rows = mask.reshape(-1, shape[-1])
    empty = ~rows.any(axis=1)
    rows[empty, rng.integers(0, shape[-1], size=int(empty.sum()))] = True
    return rows.reshape(shape)


def make_projections(rng, d_model):
    return {name: rng.normal(0.0, 1.0 / np.sqrt(d_model), size=(d_model, d_model))
            for name in NAMES}


def new_mha(candidate, d_model, n_heads, params):
    """The learner's MultiHeadAttention with the examiner's four matrices set."""
    mha = candidate.new(CLASS, d_model, n_heads)
    for name in NAMES:
        mha.set(name, params[name])
    return mha


def expected_forward(x, params, n_heads, causal=False, **variant):
    mask = causal_mask(x.shape[1]) if causal else None
    return multi_head(x, *(params[n] for n in NAMES), n_heads, mask=mask, **variant)


def forward_of(mha, x, causal=False):
    label = f"forward(x{', causal=True' if causal else ''}) with x {x.shape}"
    value = mha.call("forward", x, causal=True) if causal else mha.call("forward", x)
    return as_array(value, x.shape, label)


def attention_of(candidate, Q, K, V, mask=None):
    """The learner's (out, weights), shape-checked."""
    shape = np.broadcast_shapes(Q.shape[:-1] + (K.shape[-2],), K.shape[:-2] + (1, 1),
                                np.shape(mask) if mask is not None else ())
    out_shape = shape[:-1] + (V.shape[-1],)
    label = (f"attention(Q, K, V{', mask' if mask is not None else ''}) with Q {Q.shape}, "
             f"K {K.shape}, V {V.shape}" + (f", mask {mask.shape}" if mask is not None else ""))
    value = (candidate.call("attention", Q, K, V) if mask is None else
             candidate.call("attention", Q, K, V, mask=mask))
    return as_out_and_weights(value, out_shape, shape, label)


# --- the classic mistakes, as computations ---------------------------------------------------

WRONG_AXIS = ("the softmax runs over the queries (axis=-2), so each COLUMN of weights sums to "
              "1; it must run over the keys, the last axis: np.max(scores, axis=-1, "
              "keepdims=True) and np.sum(e, axis=-1, keepdims=True)")
POLARITY = ("the mask polarity is inverted: True means 'may attend', so keep the scores where "
            "mask is True and set the others to -inf: np.where(mask, scores, -np.inf)")


def attention_variants(Q, K, V, mask):
    """Known-wrong (out, weights), each a function of nothing, to name what a learner wrote."""
    d_k, d_v = Q.shape[-1], V.shape[-1]
    flipped = None if mask is None else ~np.asarray(mask)
    variants = {
        f"the scores are divided by sqrt(d_v) = sqrt({d_v}), the size of the VALUE vectors; "
        f"divide by sqrt(d_k) = sqrt({d_k}), the size of the vectors whose dot products they "
        "are (Q.shape[-1])": dict(scale=np.sqrt(d_v)),
        "the scores are not scaled: divide Q K^T by np.sqrt(d_k)": dict(scale=1.0),
        "the scores are divided by d_k instead of np.sqrt(d_k)": dict(scale=float(d_k)),
        "the scores are multiplied by sqrt(d_k) instead of divided by it":
            dict(scale=1 / np.sqrt(d_k)),
        WRONG_AXIS: dict(axis=-2),
    }
    found = {meaning: (lambda o=options: scaled_attention(Q, K, V, mask, **o))
             for meaning, options in variants.items() if d_v != d_k or "d_v" not in meaning}
    found["the softmax subtracts one maximum of the whole array instead of each row's own: "
          "rows far below it underflow to 0 / 0. Use np.max(scores, axis=-1, keepdims=True)"] = \
        lambda: global_max(Q, K, V, mask)
    if mask is not None:
        found[POLARITY] = lambda: scaled_attention(Q, K, V, flipped)
        found["the mask is ignored: set the scores where mask is False to -np.inf before the "
              "softmax"] = lambda: scaled_attention(Q, K, V)
        # before ZEROED_AFTER: on scores far apart both give 0 where every allowed np.exp
        # underflows (large_scores_stay_finite tells them apart on ordinary scores)
        found[MASKED_IN_MAX] = lambda: max_before_mask(Q, K, V, mask)
        found[ZEROED_AFTER] = lambda: after_softmax(Q, K, V, mask, renormalize=False)
        for fill in FINITE_FILLS:
            for zeroed in (False, True):
                found[finite_fill_text(fill, zeroed)] = (
                    lambda f=fill, z=zeroed: finite_fill(Q, K, V, mask, f, z))
    return found


ZEROED_AFTER = ("the masked weights are set to 0 AFTER the softmax, so the rows no longer sum "
                "to 1: mask the scores before the softmax instead")
MASKED_IN_MAX = (
    "the masked scores still set the softmax's row maximum (a maximum taken before "
    "np.where(mask, scores, -np.inf), or a softmax over all keys whose masked weights are "
    "zeroed and renormalized afterwards): when a masked score is far above the allowed ones, "
    "every allowed np.exp(score - maximum) underflows to 0. Mask first, then take the maximum "
    "of the masked scores: scores = np.where(mask, scores, -np.inf), then "
    "scores.max(axis=-1, keepdims=True)")
FINITE_FILLS = (-1e4, -1e3, -1e5, -65504.0)  # -65504: the smallest float16


def finite_fill_text(fill: float, zeroed: bool) -> str:
    return (f"the masked scores are filled with the finite value {fill:g}, and some queries' "
            f"allowed scores are all below it, so the masked keys still win the softmax"
            + (" (zeroing the masked weights afterwards leaves such a row all zeros)"
               if zeroed else " and take its weight (masked weights that are not 0)") +
            ". Fill with -np.inf instead, np.where(mask, scores, -np.inf), then subtract the "
            "row maximum of the masked scores; a fully masked row then needs the statement's "
            "rule (weights and output of zeros)")


def scaled_scores(Q, K):
    """Q K^T / sqrt(d_k), the scores every variant below starts from."""
    return Q @ np.swapaxes(K, -1, -2) / np.sqrt(Q.shape[-1])


def max_before_mask(Q, K, V, mask, guard=True):
    """The row maximum taken over every key, masked ones included, then the masked scores set
    to -inf; rows whose allowed exponentials all underflow give zeros (or 0 / 0 = nan)."""
    scores = scaled_scores(Q, K)
    top = np.max(scores, axis=-1, keepdims=True)
    with np.errstate(all="ignore"):
        e = np.exp(np.where(mask, scores, -np.inf) - top)
        total = e.sum(axis=-1, keepdims=True)
        weights = (np.where(total > 0, e / np.where(total > 0, total, 1.0), 0.0) if guard
                   else e / total)
    return weights @ V, weights


def finite_fill(Q, K, V, mask, fill, zeroed):
    """The masked scores set to a finite ``fill`` before a stable softmax, the masked weights
    optionally zeroed afterwards."""
    weights = masked_softmax(np.where(mask, scaled_scores(Q, K), fill))
    if zeroed:
        weights = weights * mask
    return weights @ V, weights


def global_max(Q, K, V, mask):
    """The softmax shifted by the maximum of the whole array (rows that underflow give 0)."""
    scores = scaled_scores(Q, K)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    with np.errstate(all="ignore"):
        e = np.exp(scores - np.max(scores))
        total = e.sum(axis=-1, keepdims=True)
        weights = np.where(total > 0, e / np.where(total > 0, total, 1.0), 0.0)
    return weights @ V, weights


def after_softmax(Q, K, V, mask, renormalize=True):
    """The mask applied to the weights of a softmax over every key (then renormalized)."""
    weights = scaled_attention(Q, K, V)[1] * mask
    if renormalize:
        total = weights.sum(axis=-1, keepdims=True)
        weights = weights / np.where(total > 0, total, 1.0)
    return weights @ V, weights


NONE_AS_FALSE = ("with mask=None every weight is 0 (or nan): np.where(None, scores, -np.inf) "
                 "reads None as False and masks every key; apply the mask only when it is "
                 "given (if mask is not None: ...)")


def name_attention_mistake(out, weights, Q, K, V, mask=None) -> str:
    if mask is None and (not np.any(np.nan_to_num(weights)) or np.all(np.isnan(weights))):
        return NONE_AS_FALSE
    variants = attention_variants(Q, K, V, mask)
    meaning = matching_variant(weights, {m: (lambda f=f: f()[1]) for m, f in variants.items()})
    meaning = meaning or matching_variant(out, {m: (lambda f=f: f()[0])
                                                for m, f in variants.items()})
    if meaning or mask is None:
        return meaning
    flipped = np.broadcast_to(~np.asarray(mask), np.shape(weights))
    rows = flipped.any(axis=-1)  # rows the inverted mask leaves some key: its handling of
    if np.any(rows) and close(weights[rows],  # the others (nan, uniform) is its own business
                              scaled_attention(Q, K, V, ~np.asarray(mask))[1][rows]):
        return POLARITY
    return ""


SQRT_D_MODEL = ("the scores are divided by sqrt(d_model); each head's scores are dot products "
                "of head_dim-sized vectors, so divide by sqrt(head_dim) = sqrt(d_model // "
                "n_heads) (calling attention on the split heads does this)")
RESHAPE_SPLIT = ("the heads are split with a plain reshape to (B, n_heads, T, head_dim), which "
                 "mixes positions with features; reshape to (B, T, n_heads, head_dim), then "
                 "transpose to (B, n_heads, T, head_dim)")
RESHAPE_MERGE = ("the heads are merged with a plain reshape from (B, n_heads, T, head_dim) to "
                 "(B, T, d_model), which mixes positions with features; transpose back to "
                 "(B, T, n_heads, head_dim) first, then reshape")
FORWARD_VARIANTS = {
    SQRT_D_MODEL: dict(scale="model"),
    RESHAPE_SPLIT: dict(split="reshape"),
    RESHAPE_MERGE: dict(merge="reshape"),
    "the heads are split AND merged with plain reshapes, without the transposes, which mixes "
    "positions with features: reshape to (B, T, n_heads, head_dim), then transpose(0, 2, 1, "
    "3), and the reverse to merge": dict(split="reshape", merge="reshape"),
    "head h takes every n_heads-th column; it must take the block of columns h * head_dim to "
    "(h + 1) * head_dim, which reshape(B, T, n_heads, head_dim) gives":
        dict(split="interleaved", merge="interleaved"),
    "the projections use the transposed matrices (x @ W.T); the spec's convention is x @ W_q, "
    "x @ W_k, x @ W_v and merged @ W_o": dict(transposed=True),
    "the output projection W_o is missing: return merged @ W_o": dict(project_out=False),
    "the scores are not scaled: divide each head's scores by np.sqrt(head_dim)":
        dict(scale="none"),
    WRONG_AXIS: dict(axis=-2),
}
CAUSAL_VARIANTS = {  # the mask forward builds, as (offset of np.tril, flipped)
    "the causal mask excludes the diagonal (np.tril(..., k=-1)): position t must attend to "
    "itself too, so use np.tril(np.ones((T, T), dtype=bool)), diagonal included": (-1, False),
    "the causal mask lets position t see position t + 1 too (np.tril(..., k=1)); use "
    "np.tril(np.ones((T, T), dtype=bool)), which keeps positions <= t": (1, False),
    "the causal mask is the wrong way round: position t attends to positions >= t (np.triu); "
    "it must attend to positions <= t, np.tril(np.ones((T, T), dtype=bool))": (0, True),
    "the causal mask has the wrong polarity: you pass the positions to BLOCK (np.triu(..., "
    "k=1)) where attention expects the positions that MAY be attended (True = may attend): "
    "pass np.tril(np.ones((T, T), dtype=bool)) instead": (-1, True),
}


def forward_variants(x, params, n_heads, causal):
    found = {meaning: (lambda o=options: expected_forward(x, params, n_heads, causal, **o))
             for meaning, options in FORWARD_VARIANTS.items()}
    T = x.shape[1]
    if causal:
        for meaning, (offset, flipped) in CAUSAL_VARIANTS.items():
            mask = causal_mask(T, offset=offset)
            found[meaning] = lambda m=(~mask if flipped else mask): multi_head(
                x, *(params[n] for n in NAMES), n_heads, mask=m)
        found["no causal mask is applied: with causal=True, position t may attend only to "
              "positions <= t, mask np.tril(np.ones((T, T), dtype=bool))"] = \
            lambda: expected_forward(x, params, n_heads, False)
    else:
        found["a causal mask is applied although causal=False: without it every position "
              "attends to every position"] = lambda: expected_forward(x, params, n_heads, True)
        found["the output is all zeros: " + NONE_AS_FALSE] = lambda: np.zeros_like(x)
    return found


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """attention returns (out, weights) of shapes (..., T_q, d_v) and (..., T_q, T_k) for 2-D,
    3-D and 4-D inputs, with and without a broadcast mask, T_q != T_k and d_k != d_v, one
    position included; forward returns (B, T, d_model), one head, one position and head size 1
    included."""
    for lead, t_q, t_k, d_k, d_v in (((), 3, 5, 2, 4), ((2,), 4, 6, 3, 5), ((2, 3), 5, 2, 4, 1),
                                     ((1,), 1, 1, 1, 1), ((2, 2), 1, 3, 2, 3)):
        Q, K, V = make_qkv(rng, lead, t_q, t_k, d_k, d_v)
        attention_of(candidate, Q, K, V)
        attention_of(candidate, Q, K, V, random_mask(rng, (t_q, t_k)))
        if lead:
            attention_of(candidate, Q, K, V, random_mask(rng, lead[:1] + (1,) * len(lead[1:])
                                                         + (1, t_k)))
    for b, t, d_model, n_heads in ((2, 5, 8, 2), (1, 1, 4, 1), (3, 4, 6, 6), (1, 3, 1, 1)):
        mha = new_mha(candidate, d_model, n_heads, make_projections(rng, d_model))
        x = rng.normal(size=(b, t, d_model))
        forward_of(mha, x)
        forward_of(mha, x, causal=True)


# --- correctness: attention ------------------------------------------------------------------

@check("correctness")
def test_attention_values(candidate, rng, seed):
    """Without a mask, attention returns weights = softmax(Q K^T / sqrt(d_k)) over the keys and
    out = weights @ V, on 2-D, 3-D and 4-D inputs with T_q != T_k and d_k != d_v."""
    for lead, t_q, t_k, d_k, d_v in (((), 4, 6, 3, 7), ((2,), 5, 3, 4, 9), ((2, 3), 3, 5, 9, 2)):
        Q, K, V = make_qkv(rng, lead, t_q, t_k, d_k, d_v, scale=1.5)
        out, weights = attention_of(candidate, Q, K, V)
        right_out, right_weights = scaled_attention(Q, K, V)
        if close(weights, right_weights) and close(out, right_out):
            continue
        meaning = name_attention_mistake(out, weights, Q, K, V)
        wrong, what = ((weights, right_weights), "weights") if not close(
            weights, right_weights) else ((out, right_out), "out")
        fail(f"attention(Q, K, V) is wrong{': ' + meaning if meaning else ''}. {what}: "
             f"{worst_gap(*wrong)} {data_note(seed, Q=Q, K=K, V=V)}. Fix: {FIX_ATTENTION}.")


@check("correctness")
def test_weights_sum_to_one(candidate, rng, seed):
    """Every row of weights (one query over all keys) is non-negative and sums to 1, with a mask
    too (rows with at least one allowed key)."""
    Q, K, V = make_qkv(rng, (3,), 4, 7, 5, 2)
    mask = random_mask(rng, (3, 4, 7), keep=0.5)
    mask[1, 2] = True  # one query may attend to every key
    for m, label in ((None, "without a mask"), (mask, "with a mask")):
        weights = attention_of(candidate, Q, K, V, m)[1]
        rows, columns = weights.sum(axis=-1), weights.sum(axis=-2)
        if close(rows, 1.0) and np.all(weights >= 0):
            continue
        note = data_note(seed, Q=Q, K=K, V=V)
        if close(columns, 1.0):
            fail(f"{label}, each column of weights sums to 1 instead of each row: {WRONG_AXIS} "
                 f"{note}")
        if np.any(weights < 0):
            fail(f"{label}, weights has negative entries (smallest {weights.min():.3g}): a "
                 f"softmax is exp(...) / sum(exp(...)), never negative {note}")
        row = np.unravel_index(int(np.argmax(np.abs(rows - 1))), rows.shape)
        out = attention_of(candidate, Q, K, V, m)[0]
        why = name_attention_mistake(out, weights, Q, K, V, m)
        fail(f"{label}, row {tuple(int(i) for i in row)} of weights sums to {rows[row]:.6g}, "
             f"not 1{': ' + why if why else ''} {note}")


@check("correctness")
def test_mask_values(candidate, rng, seed):
    """With a boolean mask (True = may attend) broadcast from (T_q, T_k), from a key-padding
    mask (B, 1, 1, T_k) or given in full, out and weights equal the masked attention's."""
    Q, K, V = make_qkv(rng, (2,), 5, 7, 4, 3)
    Q4, K4, V4 = make_qkv(rng, (2, 3), 4, 6, 3, 5)
    for q, k, v, mask in ((Q, K, V, random_mask(rng, (5, 7))),
                          (Q4, K4, V4, random_mask(rng, (2, 1, 1, 6))),
                          (Q, K, V, random_mask(rng, (2, 5, 7)))):
        out, weights = attention_of(candidate, q, k, v, mask)
        right_out, right_weights = scaled_attention(q, k, v, mask)
        if close(weights, right_weights) and close(out, right_out):
            continue
        meaning = name_attention_mistake(out, weights, q, k, v, mask)
        fail(f"attention(Q, K, V, mask) with a mask of shape {mask.shape} (broadcast to "
             f"{right_weights.shape}) is wrong{': ' + meaning if meaning else ''}. "
             f"{worst_gap(weights, right_weights)} {data_note(seed, Q=q, K=k, V=v)}. "
             f"Fix: {FIX_MASK}.")


@check("correctness")
def test_masked_weights_are_zero(candidate, rng, seed):
    """Where the mask is False, the weight is exactly 0.0 (not merely tiny), for a broadcast
    mask and a key-padding mask."""
    Q, K, V = make_qkv(rng, (2, 2), 4, 6, 3, 2)
    for mask in (random_mask(rng, (4, 6)), random_mask(rng, (2, 1, 1, 6))):
        weights = attention_of(candidate, Q, K, V, mask)[1]
        blocked = ~np.broadcast_to(mask, weights.shape)
        leak = np.abs(weights[blocked])
        if not np.any(leak):
            continue
        note = data_note(seed, Q=Q, K=K, V=V)
        if leak.max() < 1e-8:
            fail(f"where mask is False the weights should be exactly 0, but one is "
                 f"{leak.max():.3g}: your masked scores are not small enough (exp(-100) is "
                 "3.7e-44, not 0), or an epsilon is added to the weights. Set masked scores "
                 f"to -np.inf (or np.finfo(float).min / -1e9) before the softmax {note}")
        meaning = name_attention_mistake(*attention_of(candidate, Q, K, V, mask), Q, K, V,
                                         mask)
        fail(f"where mask is False the weights should be exactly 0, but {int(np.sum(leak > 0))}"
             f" of the {int(blocked.sum())} masked weights are not (largest {leak.max():.3g})"
             f"{': ' + meaning if meaning else ''} {note}")


@check("correctness")
def test_fully_masked_row(candidate, rng, seed):
    """A query whose mask row is all False gets weights of all zeros and an output of zeros
    (not NaN, not a uniform average); the other rows are unaffected."""
    Q, K, V = make_qkv(rng, (2,), 4, 6, 3, 2)
    mask = random_mask(rng, (2, 4, 6))
    mask[0, 1] = False
    mask[1, 3] = False
    out, weights = attention_of(candidate, Q, K, V, mask)
    right_out, right_weights = scaled_attention(Q, K, V, mask)
    note = data_note(seed, Q=Q, K=K, V=V)
    rows = weights[[0, 1], [1, 3]]
    if np.any(np.isnan(rows)) or np.any(np.isnan(out[[0, 1], [1, 3]])):
        fail("for a query whose mask row is all False (batch 0, query 1), your weights or "
             "output are nan: with every score -inf, either the row maximum is -inf "
             "(-inf - (-inf) is nan) or every np.exp is 0 and so is the row sum (0 / 0 is "
             "nan). The spec gives such a row zeros: replace a -inf maximum by 0 "
             "(np.where(np.isfinite(m), m, 0)) and divide by the row sum only where it "
             f"is > 0 {note}")
    if close(rows, 1.0 / 6):
        fail("for a query whose mask row is all False (batch 0, query 1), your weights are "
             "uniform (1/6 each) and the output is the mean of V: a finite fill value such "
             "as -1e9 makes every score of that row equal. The spec gives such a row zeros: "
             "multiply the weights by np.any(mask, axis=-1, keepdims=True), or use -np.inf "
             f"and guard the division {note}")
    zero_rows = np.array_equal(rows, np.zeros_like(rows)) and close(out[[0, 1], [1, 3]], 0.0)
    if zero_rows and close(weights, right_weights) and close(out, right_out):
        return
    meaning = name_attention_mistake(out, weights, Q, K, V, mask)
    if not zero_rows:
        fail(f"for a query whose mask row is all False (batch 0, query 1), weights and output "
             f"must be all zeros, but that weights row is {np.round(rows[0], 4)}"
             f"{': ' + meaning if meaning else ''} {note}")
    fail(f"the fully masked rows are zeros, but the other rows are wrong"
         f"{': ' + meaning if meaning else ''}. {worst_gap(weights, right_weights)} {note}"
         + ("" if meaning else f". Fix: {FIX_MASK}."))


@check("correctness")
def test_large_scores_stay_finite(candidate, rng, seed):
    """Scores in the tens of thousands (positive, and a row entirely very negative) give
    finite weights and outputs equal to the stable softmax's, with and without a mask (one
    that hides a query's highest scores, far above the one key it may attend to)."""
    Q, K, V = large_scores(rng)
    mask = random_mask(rng, (5, 6))
    mask[0] = np.arange(6) == np.argmin(Q[0, 0] @ K[0].T)  # only its lowest key, > 1000 below
    low = Q[1, 2] @ K[1].T  # all below -12000: a finite fill such as -1e4 wins where it masks
    mask[2, np.argmax(low)], mask[2, np.argmin(low)] = False, True
    for m in (None, mask):
        out, weights = attention_of(candidate, Q, K, V, m)
        right_out, right_weights = scaled_attention(Q, K, V, m)
        leak = m is not None and np.any(weights[~np.broadcast_to(m, weights.shape)] != 0)
        if close(weights, right_weights) and close(out, right_out) and not leak:
            continue
        scores = Q @ np.swapaxes(K, -1, -2) / np.sqrt(8)
        label = "without a mask" if m is None else "with a mask"
        note = data_note(seed, Q=Q, K=K, V=V)
        if m is not None and matching_variant(
                weights, {MASKED_IN_MAX: lambda: max_before_mask(Q, K, V, m, guard=False)[1]}):
            fail(f"{label}, with scores between {scores.min():.0f} and {scores.max():.0f}, "
                 f"some rows of your weights are nan (0 / 0): {MASKED_IN_MAX} {note}")
        if not (np.all(np.isfinite(weights)) and np.all(np.isfinite(out))):
            fail(f"{label}, with scores between {scores.min():.0f} and {scores.max():.0f}, "
                 "your weights contain nan or inf: np.exp overflows above about 709 (and "
                 "underflows to 0 below -745, making 0 / 0). Subtract each row's own maximum "
                 "before np.exp, np.max(scores, axis=-1, keepdims=True), not one maximum of "
                 f"the whole array: the result is the same, and the largest exponent is 0 {note}")
        meaning = name_attention_mistake(out, weights, Q, K, V, m)
        if meaning == MASKED_IN_MAX:  # or the weights zeroed after a softmax over all keys?
            calm = Q / 1000.0  # ordinary scores, where only the latter is wrong
            plain = attention_of(candidate, calm, K, V, m)[1]
            if not close(plain, scaled_attention(calm, K, V, m)[1]) and close(
                    plain, after_softmax(calm, K, V, m, renormalize=False)[1], rtol=1e-7):
                meaning = ZEROED_AFTER
        if not meaning and leak:
            fail(f"with a mask and scores between {scores.min():.0f} and {scores.max():.0f}, "
                 "some weights where the mask is False are not 0: a finite fill value (such as "
                 "-1e4) is not below every real score here. Set masked scores to -np.inf "
                 f"before the softmax (and guard fully masked rows) {note}")
        fail(f"{label}, with scores between {scores.min():.0f} and {scores.max():.0f}, the "
             f"weights are wrong{': ' + meaning if meaning else ''}. "
             f"{worst_gap(weights, right_weights)} {note}")


def large_scores(rng, gap=100.0):
    """Q (2, 5, 8), K (2, 6, 8), V (2, 6, 3) whose scores reach the thousands, with every
    score of query 2 in batch 1 very negative, and the scores of each query at least ``gap``
    apart: the softmax is then one-hot to float64 precision whatever the (positive) scale,
    so only overflow and underflow can change the answer. That query's scores are all below
    -12000, so a finite fill value such as -1e4 is above them; those of query 0 in batch 0
    span more than 1000, so np.exp of its lowest score minus its highest underflows to 0."""
    for _ in range(500):
        Q, K, V = make_qkv(rng, (2,), 5, 6, 8, 3, scale=100.0)
        K[1] = -np.abs(K[1]) * np.sign(Q[1, 2])
        scores = np.sort(Q @ np.swapaxes(K, -1, -2) / np.sqrt(8), axis=-1)
        if (np.min(np.diff(scores, axis=-1)) > gap and scores[1, 2, -1] < -12000
                and scores[0, 0, -1] - scores[0, 0, 0] > 1000):
            return Q, K, V
    raise RuntimeError("no well-separated scores found")


# --- correctness: multi-head attention -------------------------------------------------------

@check("correctness")
def test_init_scheme(candidate):
    """The constructor draws W_q, W_k, W_v, W_o, each (d_model, d_model), from
    np.random.default_rng(seed) with mean 0 and standard deviation 1/sqrt(d_model): the same
    seed gives the same matrices, another seed others, and the four differ."""
    d_model, n_heads = 32, 4
    label = f"MultiHeadAttention({d_model}, {n_heads}, seed=3)"
    first = candidate.new(CLASS, d_model, n_heads, seed=3)
    found = {n: as_array(first.get(n), (d_model, d_model), f"{label}.{n}") for n in NAMES}
    want = 1.0 / np.sqrt(d_model)
    for name, values in found.items():
        spread = float(np.std(values))
        if not np.any(values):
            fail(f"{label}.{name} is all zeros: draw it from rng.normal(0.0, 1 / "
                 "np.sqrt(d_model), size=(d_model, d_model)); with zero projections every "
                 "score is 0 and every output 0")
        if abs(spread - want) > 0.1 * want or abs(np.mean(values)) > 5 * want / d_model:
            fail(f"{label}.{name} has mean {np.mean(values):.3g} and standard deviation "
                 f"{spread:.4g}; the spec draws rng.normal(0.0, 1 / np.sqrt(d_model)), mean "
                 f"0 and standard deviation {want:.4g}")
    same = [(a, b) for i, a in enumerate(NAMES) for b in NAMES[i + 1:]
            if np.array_equal(found[a], found[b])]
    if same:
        fail(f"in {label}, {same[0][0]} and {same[0][1]} are the same matrix: create ONE "
             "rng = np.random.default_rng(seed) and draw the four matrices from it one after "
             "the other (a new default_rng(seed) per matrix restarts the same stream)")
    again = candidate.new(CLASS, d_model, n_heads, seed=3)
    other = candidate.new(CLASS, d_model, n_heads, seed=4)
    if not np.array_equal(as_array(again.get("W_q"), (d_model, d_model), "W_q"), found["W_q"]):
        fail("two MultiHeadAttention objects built with seed=3 got different W_q: draw from "
             "rng = np.random.default_rng(seed) inside __init__, not from the global "
             "np.random state")
    if np.array_equal(as_array(other.get("W_q"), (d_model, d_model), "W_q"), found["W_q"]):
        fail("seed=3 and seed=4 gave the same W_q: the constructor ignores its seed; use "
             "rng = np.random.default_rng(seed)")


@check("correctness")
def test_indivisible_heads_raise(candidate):
    """MultiHeadAttention(d_model, n_heads) raises ValueError when n_heads does not divide
    d_model, and accepts every n_heads that does (1 and d_model included)."""
    for d_model, n_heads in ((10, 3), (12, 5), (4, 8)):
        label = f"MultiHeadAttention({d_model}, {n_heads})"
        try:
            candidate.new(CLASS, d_model, n_heads)
        except NotAttempted:
            raise
        except LearnerRaised as error:
            if error.type != "ValueError":
                fail(f"{label} raised {error.type}; the spec asks for ValueError when "
                     f"d_model % n_heads != 0: raise ValueError(f\"d_model={{d_model}} is "
                     "not divisible by n_heads={n_heads}\") (an assert is skipped under "
                     "python -O, and says nothing about which argument is wrong)")
            continue
        fail(f"{label} was accepted, but {d_model} dimensions cannot be shared equally by "
             f"{n_heads} heads (head_dim = {d_model} // {n_heads} = {d_model // n_heads} would "
             "drop columns): raise ValueError when d_model % n_heads != 0")
    for d_model, n_heads in ((12, 3), (7, 1), (6, 6)):
        try:
            candidate.new(CLASS, d_model, n_heads)
        except NotAttempted:
            raise
        except LearnerRaised as error:
            fail(f"MultiHeadAttention({d_model}, {n_heads}) raised {error.type}: {error.text}; "
                 f"{n_heads} divides {d_model}, so it is valid (head_dim = "
                 f"{d_model // n_heads})")


def check_forward(candidate, rng, seed, causal):
    b, t, d_model, n_heads = 2, 5, 12, 3
    params = make_projections(rng, d_model)
    x = rng.normal(size=(b, t, d_model))
    out = forward_of(new_mha(candidate, d_model, n_heads, params), x, causal)
    expected = expected_forward(x, params, n_heads, causal)
    if close(out, expected):
        return
    meaning = matching_variant(out, forward_variants(x, params, n_heads, causal))
    fail(f"forward(x{', causal=True' if causal else ''}) with d_model={d_model}, "
         f"n_heads={n_heads} (head_dim 4) is wrong{': ' + meaning if meaning else ''}. "
         f"{worst_gap(out, expected)} {data_note(seed, x=x)}. Fix: {FIX_HEADS}"
         + (", with mask = np.tril(np.ones((T, T), dtype=bool))." if causal else "."))


@check("correctness")
def test_forward_values(candidate, rng, seed):
    """forward(x) projects with the grader-set W_q, W_k, W_v, splits 3 heads of size 4
    (reshape to (B, T, n_heads, head_dim), then transpose), attends with scores / sqrt(head_dim),
    merges the heads back and projects with W_o."""
    check_forward(candidate, rng, seed, causal=False)


@check("correctness")
def test_causal_values(candidate, rng, seed):
    """forward(x, causal=True) lets position t attend to positions 0..t only, the diagonal
    included, and is otherwise the same computation."""
    check_forward(candidate, rng, seed, causal=True)


@check("correctness")
def test_one_head_equals_attention(candidate, rng, seed):
    """With n_heads = 1, forward(x) equals your own attention(x @ W_q, x @ W_k, x @ W_v)[0] @
    W_o, and forward(x, causal=True) the same with the mask np.tril(np.ones((T, T), bool))."""
    b, t, d_model = 2, 5, 6
    params = make_projections(rng, d_model)
    x = rng.normal(size=(b, t, d_model))
    mha = new_mha(candidate, d_model, 1, params)
    Q, K, V = (x @ params[n] for n in NAMES[:3])
    note = data_note(seed, x=x)
    for causal in (False, True):
        mask = causal_mask(t) if causal else None
        out = forward_of(mha, x, causal)
        own = attention_of(candidate, Q, K, V, mask)[0] @ params["W_o"]
        if close(out, own):
            continue
        call_text = f"forward(x{', causal=True' if causal else ''})"
        if close(out, expected_forward(x, params, 1, causal)):
            meaning = ("your forward is right, but your own attention gives other values for "
                       "these inputs" + (" and the mask np.tril(...) (True = may attend)"
                                         if causal else "") +
                       ": see attention_values and mask_values")
        else:
            expected = expected_forward(x, params, 1, causal)
            meaning = matching_variant(out, {m: f for m, f in forward_variants(
                x, params, 1, causal).items() if not close(f(), expected)})
        fail(f"with one head (MultiHeadAttention({d_model}, 1)), {call_text} should equal "
             f"attention(x @ W_q, x @ W_k, x @ W_v{', mask' if causal else ''})[0] @ W_o "
             f"computed by your own attention, but {worst_gap(out, own)}"
             f"{': ' + meaning if meaning else ''} {note}")


@check("correctness")
def test_causality(candidate, rng, seed):
    """Replacing the tokens after position t leaves every output at positions <= t
    bit-identical: forward(x, causal=True) for several t, and attention(Q, K, V, causal mask)
    when later keys and values change."""
    b, t_len, d_model, n_heads = 2, 8, 12, 3
    params = make_projections(rng, d_model)
    x = rng.normal(size=(b, t_len, d_model))
    note = data_note(seed, x=x)
    mha = new_mha(candidate, d_model, n_heads, params)
    before = forward_of(mha, x, causal=True)
    right = close(before, expected_forward(x, params, n_heads, True))
    meaning = "" if right else matching_variant(before, forward_variants(x, params, n_heads,
                                                                         True))
    for position in (0, 3, 6):
        after = forward_of(mha, probes.perturb_after(x, position, 1, rng), causal=True)
        breach = causal_breach(before, after, position, axis=1)
        if breach:
            fail(f"forward(x, causal=True): replacing the tokens after position {position} "
                 f"(x[:, {position + 1}:]) changed the outputs at positions 0..{position} "
                 f"{breach}; they must stay bit-identical: {leak_cause(right, meaning)} "
                 f"{note}")
    Q, K, V = make_qkv(rng, (2,), t_len, t_len, 4, 3)
    mask = causal_mask(t_len)
    out, weights = attention_of(candidate, Q, K, V, mask)
    right = close(weights, scaled_attention(Q, K, V, mask)[1])
    meaning = "" if right else name_attention_mistake(out, weights, Q, K, V, mask)
    for position in (2, 5):
        moved = [probes.perturb_after(a, position, 1, rng) for a in (Q, K, V)]
        out2, weights2 = attention_of(candidate, *moved, mask)
        breach = causal_breach(out, out2, position, 1) or causal_breach(weights, weights2,
                                                                        position, 1)
        if breach:
            fail(f"attention(Q, K, V, mask) with the causal mask np.tril(np.ones((8, 8), "
                 f"bool)): replacing the queries, keys and values after position {position} "
                 f"changed the rows 0..{position} of out or weights {breach}; they must stay "
                 f"bit-identical: {leak_cause(right, meaning)} "
                 f"{data_note(seed, Q=Q, K=K, V=V)}")


def leak_cause(values_right: bool, meaning: str) -> str:
    """Why earlier outputs moved: the wrong computation (as the value checks name it), or
    masked scores that still take part in the arithmetic."""
    if not values_right:
        return ("earlier positions depend on later ones, and the values are wrong too: "
                + (meaning if meaning else "the causal mask must keep only positions <= t, "
                   "np.tril(np.ones((T, T), dtype=bool)), and the softmax must run over the "
                   "keys (axis=-1)"))
    return ("your values are right, but the masked (future) scores still take part in the "
            "computation, e.g. a softmax over all keys whose masked weights are zeroed and "
            "renormalized afterwards, or a maximum taken before masking or over the whole "
            "array, so they change the rounding (or overflow). Mask the scores before the "
            "softmax: np.where(mask, scores, -np.inf), then the max, exp and sum")


@check("correctness")
def test_permutation_equivariance(candidate, rng, seed):
    """Without a mask, permuting the queries permutes out and the rows of weights, permuting
    keys and values together leaves out unchanged (and permutes the columns of weights), and
    permuting the tokens of x permutes forward(x) the same way."""
    Q, K, V = make_qkv(rng, (2,), 5, 6, 3, 4)
    note = data_note(seed, Q=Q, K=K, V=V)
    out, weights = attention_of(candidate, Q, K, V)
    rows, keys = probes.permutation(rng, 5), probes.permutation(rng, 6)
    out_q, weights_q = attention_of(candidate, Q[:, rows], K, V)
    out_k, weights_k = attention_of(candidate, Q, K[:, keys], V[:, keys])
    broken = (probes.equal_after(out_q, out[:, rows], "permuting the queries should permute "
                                 "the rows of out")
              or probes.equal_after(weights_q, weights[:, rows], "permuting the queries "
                                    "should permute the rows of weights")
              or probes.equal_after(out_k, out, "permuting keys and values together should "
                                    "leave out unchanged")
              or probes.equal_after(weights_k, weights[:, :, keys], "permuting keys and values "
                                    "together should permute the columns of weights"))
    if broken:
        fail(f"attention without a mask: {broken}. Attention treats the keys as a set and each "
             f"query on its own: nothing may depend on positions {note}")
    b, t, d_model, n_heads = 2, 6, 8, 2
    params = make_projections(rng, d_model)
    x = rng.normal(size=(b, t, d_model))
    order = probes.permutation(rng, t)
    mha = new_mha(candidate, d_model, n_heads, params)
    plain, moved = forward_of(mha, x), forward_of(mha, x[:, order])
    broken = probes.equal_after(moved, plain[:, order], "permuting the tokens of x should "
                                "permute the rows of forward(x) the same way")
    if broken:
        meaning = matching_variant(plain, forward_variants(x, params, n_heads, False))
        fail(f"forward(x) without causal: {broken}"
             f"{'; ' + meaning if meaning else ''} (seed {seed}; x {x.shape}, n_heads=2)")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, b, t, h):
    """attention with and without a mask on (b, h, t, 4) inputs; forward and causal forward on
    x (b, t, 4h) with h heads of size 4."""
    d_model = 4 * h
    Q, K, V = make_qkv(rng, (b, h), t, t, 4, 4)
    mask = random_mask(rng, (b, 1, t, t))
    x = rng.normal(size=(b, t, d_model))
    return [Workload((call("attention", Q, K, V), call("attention", Q, K, V, mask=mask)),
                     label=f"Q {Q.shape}"),
            Workload(set_parameters(make_projections(rng, d_model)) +
                     (call("forward", x), call("forward", x, causal=True)), CLASS,
                     (d_model, h), label=f"x {x.shape} with {h} heads", same=same_results)]


LOOP_ADVICE = ("Replace the loop with whole-array operations: matmul (@) and np.swapaxes work on "
               "every leading axis at once, the heads become an axis with reshape and "
               "transpose, and the causal mask is one np.tril(np.ones((T, T), dtype=bool)) "
               "that broadcasts over the batch and the heads.")
test_no_loop_over_batch = no_loop_each(work_at, "batch elements", {"b": (2, 16), "t": 6, "h": 2},
                                       LOOP_ADVICE)
test_no_loop_over_positions = no_loop_each(work_at, "positions", {"b": 2, "t": (4, 32), "h": 2},
                                           LOOP_ADVICE)
test_no_loop_over_heads = no_loop_each(
    work_at, "heads", {"b": 2, "t": 6, "h": (2, 8)}, LOOP_ADVICE,
    doc="No Python-level work grows with the number of heads (head_dim fixed at 4, so d_model "
        "grows with them): loops, comprehensions, builtins walking arrays ...")


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    Q, K, V = make_qkv(rng, (2,), 4, 5, 3, 2)
    x = rng.normal(size=(2, 5, 6))
    setup = set_parameters(make_projections(rng, 6))
    return [Workload((call("attention", Q, K, V, mask=random_mask(rng, (4, 5))),)),
            Workload((call("attention", Q, K, V),)),
            Workload(setup + (call("forward", x),), CLASS, (6, 2), same=same_results),
            Workload(setup + (call("forward", x, causal=True),), CLASS, (6, 2),
                     same=same_results)]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="compute new arrays instead: Q / np.sqrt(d_k) makes a copy, Q /= np.sqrt(d_k) changes "
        "the caller's Q; np.where(mask, scores, -np.inf) leaves the mask alone.",
    doc="attention leaves Q, K, V and mask unchanged, and forward leaves x unchanged.")


# --- performance ----------------------------------------------------------------------------

SPEED_B, SPEED_T, SPEED_D, SPEED_H = 4, 128, 128, 8


def speed_data(rng):
    x = rng.normal(size=(SPEED_B, SPEED_T, SPEED_D))
    return {"x": x, **make_projections(rng, SPEED_D)}


test_speed_at_scale = standard.speed(
    speed_data,
    [(Workload(set_parameters({n: stored(n) for n in NAMES}) +
               (call("forward", stored("x"), causal=True),), CLASS, (SPEED_D, SPEED_H),
               same=same_results),
      f"forward(x, causal=True) on x {(SPEED_B, SPEED_T, SPEED_D)} with {SPEED_H} heads")],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map over rows), a mask rebuilt element by "
    "element, or copies of (B, n_heads, T, T) arrays inside a loop.",
    doc=f"forward(x, causal=True) on x {(SPEED_B, SPEED_T, SPEED_D)} with {SPEED_H} heads runs "
        "in time and memory comparable to the reference.")
