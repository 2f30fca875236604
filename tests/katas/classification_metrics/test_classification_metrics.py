"""Hidden checks for the classification_metrics kata.

Expected values come from the reference solution imported here, in the examiner's process, and
from the pairwise definition of the AUC computed directly on small data; the learner's
functions only ever run in the sandboxed worker behind ``candidate``. The tied-score check uses
data whose number of tied (positive, negative) pairs is odd, so the right AUC has a half that
no way of ordering the tied samples can produce.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (LearnerObject, LearnerRaised, Workload, as_array, as_float, call,
                            check, close, data_note, fail, probes, returned, standard, stored)
from katakit.author.peak_memory import memory_check
from katakit.candidate.errors import NotAttempted

LAYOUT = "[[TN, FP], [FN, TP]] (rows = true class 0 then 1, columns = predicted class)"
FIX_COUNTS = ("tn = np.sum((y_true == 0) & (y_pred == 0)), fp = np.sum((y_true == 0) & "
              "(y_pred == 1)), and so on, returned as np.array([[tn, fp], [fn, tp]])")
FIX_AUC = ("rank the scores with ties sharing their mean rank (np.unique(scores, "
           "return_inverse=True, return_counts=True), then np.cumsum of the counts), and "
           "AUC = (sum of the positives' ranks - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)")


# --- data and the definitions the checks compare with ---------------------------------------

def labels(rng, n, positive_rate=0.4):
    """0/1 labels with both classes present."""
    while True:
        y = (rng.random(n) < positive_rate).astype(np.int64)
        if 0 < y.sum() < n:
            return y


def predictions(rng, y_true, flip_negatives=0.2, flip_positives=0.35):
    """Imperfect predictions: some negatives called positive, more positives missed."""
    flip = np.where(y_true == 1, rng.random(len(y_true)) < flip_positives,
                    rng.random(len(y_true)) < flip_negatives)
    return np.where(flip, 1 - y_true, y_true)


def counts(y_true, y_pred) -> dict:
    return {"TN": int(np.sum((y_true == 0) & (y_pred == 0))),
            "FP": int(np.sum((y_true == 0) & (y_pred == 1))),
            "FN": int(np.sum((y_true == 1) & (y_pred == 0))),
            "TP": int(np.sum((y_true == 1) & (y_pred == 1)))}


def matrix_of(found: dict) -> np.ndarray:
    """The counts in the spec's layout, [[TN, FP], [FN, TP]]."""
    return np.array([[found["TN"], found["FP"]], [found["FN"], found["TP"]]])


def pairwise_auc(y_true, scores, tie=0.5) -> float:
    """The definition itself, on small data: wins + tie * ties over all (positive, negative)."""
    positive, negative = scores[y_true == 1], scores[y_true == 0]
    wins = np.sum(positive[:, None] > negative[None, :])
    ties = np.sum(positive[:, None] == negative[None, :])
    return float((wins + tie * ties) / (len(positive) * len(negative)))


def grid_auc(y_true, scores, thresholds) -> float:
    """The trapezoid area of a ROC curve sampled at fixed thresholds (a classic shortcut)."""
    positive = y_true == 1
    predicted = scores[None, :] >= thresholds[:, None]
    tpr = np.r_[1.0, np.sum(predicted & positive, 1) / positive.sum(), 0.0]
    fpr = np.r_[1.0, np.sum(predicted & ~positive, 1) / (~positive).sum(), 0.0]
    return float(np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2))


def untied_meaning(value, y_true, scores) -> str:
    """'' unless ``value`` lies where only an order of the tied samples can put it."""
    low, high = pairwise_auc(y_true, scores, 0.0), pairwise_auc(y_true, scores, 1.0)
    if low < high and low - 1e-12 <= value <= high + 1e-12:
        return ("tied scores are not grouped: the order the tied samples happen to be in "
                "decides (a ROC walk one sample at a time, or ranks from np.argsort that give "
                "tied scores different ranks; any order gives a value between "
                f"{low:.4f} and {high:.4f}); all samples with the same score must cross the "
                "threshold together, a tie counting one half (tied scores share their mean "
                "rank)")
    return ""


def auc_mistake(value, y_true, scores) -> str:
    """The classic wrong AUC that explains ``value``, or ''."""
    right = pairwise_auc(y_true, scores)
    known = {1 - right: "1 - AUC: the ranking is inverted (scores sorted the wrong way, or the "
                        "classes swapped): a higher score means more likely positive",
             pairwise_auc(y_true, scores, 0.0): "tied scores counted as 0 (a strict > only): "
                                                 "a tie between a positive and a negative "
                                                 "counts one half",
             pairwise_auc(y_true, scores, 1.0): "tied scores counted as 1 (>=): a tie between "
                                                 "a positive and a negative counts one half"}
    for wrong, meaning in known.items():
        if not close(wrong, right) and close(value, wrong):
            return meaning
    for k in (11, 21, 51, 101, 201, 1001):
        if close(value, grid_auc(y_true, scores, np.linspace(0, 1, k)), rtol=1e-6):
            return (f"the ROC curve sampled at a fixed grid of thresholds in [0, 1] "
                    f"(np.linspace(0, 1, {k}) gives exactly your value): an approximation that "
                    "also assumes scores in [0, 1]; use every distinct score as a threshold, "
                    "or the rank formula")
    return ""


# --- reading what the learner returned ------------------------------------------------------

def as_triple(value, what):
    if isinstance(value, LearnerObject) or not isinstance(value, (tuple, list)) or \
            len(value) != 3:
        fail(f"{what} should return the tuple (precision, recall, f1), but it returned "
             f"{returned(value)}")
    return tuple(as_float(v, f"the {name} returned by {what}")
                 for v, name in zip(value, ("precision", "recall", "f1")))


def as_matrix(value, n, what):
    """A (2, 2) array of counts; a (1, 1) or (1, 2) result names the missing-class mistake."""
    shape = np.shape(value) if isinstance(value, (np.ndarray, list, tuple)) else None
    if shape is not None and len(shape) == 2 and shape != (2, 2) and max(shape) <= 2:
        fail(f"{what} has shape {shape}, not (2, 2): a class that does not occur still has its "
             "row and column (of zeros). Count all four cells explicitly, or use "
             "np.bincount(2 * y_true + y_pred, minlength=4).reshape(2, 2)")
    if shape == (4,):
        fail(f"{what} returned 4 counts of shape (4,): reshape them to (2, 2) as {LAYOUT}")
    return as_array(value, (2, 2), what)


def shown(matrix):
    """Whole counts as ints, so that messages read [[20, 4], [5, 11]]."""
    return matrix.astype(np.int64) if np.all(matrix == np.round(matrix)) else matrix


def call_auc(candidate, y_true, scores, note):
    value = candidate.call("roc_auc", y_true, scores)
    return as_float(value, f"roc_auc(y_true, scores) {note}")


# --- shapes ---------------------------------------------------------------------------------

def shaped_calls(rng, n):
    # the same cells occur on every seed: two right samples (TN and TP only), five with all
    # four cells; which cells a missing-class bug needs is confusion_matrix_missing_class's
    fixed = {2: ([0, 1], [0, 1]), 5: ([0, 1, 1, 0, 1], [0, 1, 0, 1, 1])}
    if n in fixed:
        y_true, y_pred = (np.array(v) for v in fixed[n])
    else:
        y_true = labels(rng, n)
        y_pred = predictions(rng, y_true)
    scores = rng.normal(size=n) + y_true
    workload = Workload((call("confusion_matrix", y_true, y_pred),
                         call("precision_recall_f1", y_true, y_pred),
                         call("roc_auc", y_true, scores)))
    return workload, (standard.array((2, 2)), as_triple, standard.scalar)


test_output_shapes = standard.output_shapes(
    shaped_calls, [{"n": 2}, {"n": 5}, {"n": 50}],
    doc="confusion_matrix returns a (2, 2) array, precision_recall_f1 three floats and "
        "roc_auc one float, for 2, 5 and 50 samples.")


# --- correctness: confusion matrix ----------------------------------------------------------

@check("correctness")
def test_confusion_matrix_values(candidate, rng, seed):
    """confusion_matrix counts [[TN, FP], [FN, TP]]: rows are the true class, columns the
    predicted class."""
    while True:  # four different counts, so that any other layout shows
        y_true = labels(rng, 40)
        y_pred = predictions(rng, y_true)
        found = counts(y_true, y_pred)
        if len(set(found.values())) == 4:
            break
    note = data_note(seed, y_true=y_true, y_pred=y_pred)
    matrix = shown(as_matrix(candidate.call("confusion_matrix", y_true, y_pred), 40,
                             f"confusion_matrix(y_true, y_pred) {note}"))
    expected = matrix_of(found)
    if np.array_equal(matrix, expected):
        return
    names = {value: name for name, value in found.items()}
    if all(v in names for v in matrix.ravel()):
        layout = [[names[v] for v in row] for row in matrix]
        layout_text = str(layout).replace("'", "")
        why = (" (transposed: rows must be the TRUE class; or y_true and y_pred were swapped)"
               if np.array_equal(matrix, expected.T) else
               " (the positive class first: here class 0 comes first)"
               if np.array_equal(matrix, expected[::-1, ::-1]) else "")
        fail(f"confusion_matrix returned {matrix.tolist()}, which is {layout_text}{why}; the "
             f"layout is {LAYOUT}, here {expected.tolist()} {note}")
    fail(f"confusion_matrix returned {matrix.tolist()}, expected {expected.tolist()} "
         f"(TN={found['TN']}, FP={found['FP']}, FN={found['FN']}, TP={found['TP']}): count "
         f"each cell, {FIX_COUNTS} {note}")


@check("correctness")
def test_confusion_matrix_missing_class(candidate, rng, seed):
    """The confusion matrix is (2, 2) even when a class never occurs in y_true or y_pred."""
    n = 12
    y_true = labels(rng, n)
    for t, p, situation in ((y_true, np.zeros(n, dtype=np.int64), "nothing predicted positive"),
                            (np.ones(n, dtype=np.int64), predictions(rng, np.ones(n, int)),
                             "every sample truly positive"),
                            (np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64),
                             "every sample negative, every prediction negative")):
        note = data_note(seed, y_true=t, y_pred=p)
        matrix = shown(as_matrix(candidate.call("confusion_matrix", t, p), n,
                                 f"confusion_matrix with {situation} {note}"))
        found = counts(t, p)
        expected = matrix_of(found)
        if not np.array_equal(matrix, expected):
            why = (" (transposed: rows must be the TRUE class; or y_true and y_pred were "
                   "swapped)" if np.array_equal(matrix, expected.T) else "")
            fail(f"with {situation}, confusion_matrix returned {matrix.tolist()}, expected "
                 f"{expected.tolist()}{why}: the layout is {LAYOUT} whatever classes occur "
                 f"{note}")


# --- correctness: precision, recall, F1 -----------------------------------------------------

def prf_mistake(mine, right, found) -> str:
    precision, recall, f1 = right
    accuracy = (found["TP"] + found["TN"]) / sum(found.values())
    if close(mine[0], recall) and close(mine[1], precision):
        return "precision and recall are swapped: precision divides by TP + FP (predicted " \
               "positive), recall by TP + FN (truly positive)"
    if close(mine[0], precision) and close(mine[1], recall):
        if close(mine[2], (precision + recall) / 2):
            return "f1 is the arithmetic mean of precision and recall; it is their harmonic " \
                   "mean 2 * p * r / (p + r)"
        if close(mine[2], precision * recall):
            return "f1 is missing the factor 2 and the division by p + r: 2 * p * r / (p + r)"
        return "f1 is not 2 * precision * recall / (precision + recall)"
    if close(mine[0], accuracy) or close(mine[1], accuracy):
        return "that is the accuracy (TP + TN) / n, not precision or recall"
    if sorted(mine) == sorted(right):
        return "the right three numbers in the wrong order: return (precision, recall, f1)"
    return ""


@check("correctness")
def test_precision_recall_f1_values(candidate, rng, seed):
    """precision = TP / (TP + FP), recall = TP / (TP + FN), f1 their harmonic mean."""
    while True:
        y_true = labels(rng, 50)
        y_pred = predictions(rng, y_true)
        found = counts(y_true, y_pred)
        precision = found["TP"] / (found["TP"] + found["FP"])
        recall = found["TP"] / (found["TP"] + found["FN"])
        if abs(precision - recall) > 0.05 and found["TP"] > 0:
            break
    right = (precision, recall, 2 * precision * recall / (precision + recall))
    note = data_note(seed, y_true=y_true, y_pred=y_pred)
    mine = as_triple(candidate.call("precision_recall_f1", y_true, y_pred),
                     f"precision_recall_f1(y_true, y_pred) {note}")
    if close(mine, right):
        return
    meaning = prf_mistake(mine, right, found) or counts_note(candidate, y_true, y_pred, found)
    fail(f"precision_recall_f1 returned ({mine[0]:.6g}, {mine[1]:.6g}, {mine[2]:.6g}), expected "
         f"({right[0]:.6g}, {right[1]:.6g}, {right[2]:.6g}) with TP={found['TP']}, "
         f"FP={found['FP']}, FN={found['FN']}, TN={found['TN']}"
         f"{': ' + meaning if meaning else ''} {note}")


def counts_note(candidate, y_true, y_pred, found) -> str:
    """When the learner's own confusion matrix is wrong on the same data, the likely cause of
    wrong precision and recall (computed from it); '' otherwise."""
    expected = matrix_of(found)
    try:
        matrix = np.asarray(candidate.call("confusion_matrix", y_true, y_pred))
    except (LearnerRaised, NotAttempted):
        return ""
    if matrix.shape != (2, 2) or np.array_equal(matrix, expected):
        return ""
    return (f"your confusion_matrix gives {matrix.tolist()} on this data instead of "
            f"{expected.tolist()}; if precision_recall_f1 uses it, fix confusion_matrix first "
            "(confusion_matrix_values says how)")


ZERO_CASES = (  # (y_true, y_pred, what is 0 / 0)
    ([1, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, 0], "nothing predicted positive: precision = 0 / 0"),
    ([0, 0, 0, 0, 0, 0], [0, 1, 0, 1, 0, 0], "no positive sample: recall = 0 / 0"),
    ([0, 0, 0, 0], [0, 0, 0, 0], "no positive sample and nothing predicted positive"),
    ([1, 0, 1, 0], [0, 1, 0, 1], "TP = 0, so precision = recall = 0 and f1 = 0 / 0"),
)


@check("correctness")
def test_zero_denominators(candidate, seed):
    """precision, recall and f1 are 0.0 when their denominator is 0 (nothing predicted
    positive, no positive sample, precision + recall = 0): never nan or an exception."""
    for y_true, y_pred, situation in ZERO_CASES:
        y_true, y_pred = np.array(y_true), np.array(y_pred)
        label = f"precision_recall_f1({y_true.tolist()}, {y_pred.tolist()})"
        try:
            value = candidate.call("precision_recall_f1", y_true, y_pred)
        except NotAttempted:
            raise
        except LearnerRaised as error:
            inside = [f for f in error.frames if f["func"] == "confusion_matrix"]
            if inside:
                fail(f"{label} raised {error.type}: {error.text} in your confusion_matrix (line "
                     f"{inside[-1]['line']}: {inside[-1]['code']}), which it calls "
                     f"({situation}): fix confusion_matrix first "
                     "(confusion_matrix_missing_class says how)")
            fail(f"{label} raised {error.type}: {error.text} ({situation}). The convention is "
                 "0.0 for a zero denominator: test it first, e.g. precision = tp / (tp + fp) "
                 "if tp + fp > 0 else 0.0")
        mine = as_triple(value, label)
        if mine == (0.0, 0.0, 0.0):
            continue
        bad = [name for name, v in zip(("precision", "recall", "f1"), mine) if v != 0.0]
        cause = counts_note(candidate, y_true, y_pred, counts(y_true, y_pred))
        if cause:
            fail(f"{label} returned ({', '.join(f'{v:.6g}' for v in mine)}) ({situation}), "
                 f"but precision, recall and f1 are all 0.0 here: {cause} (seed {seed})")
        why = ("nan comes from dividing 0 by 0" if any(np.isnan(mine)) else
               "this spec's convention for a zero denominator is 0.0")
        if bad == ["f1"]:
            why = ("precision and recall are both 0 here, so f1 = 2 * p * r / (p + r) is 0 / 0"
                   + (", which gives nan" if np.isnan(mine[2]) else ""))
        fail(f"{label} returned ({', '.join(f'{v:.6g}' for v in mine)}) ({situation}), but "
             f"precision, recall and f1 are all 0.0 here; {' and '.join(bad)} "
             f"{'is' if len(bad) == 1 else 'are'} not: {why}. Test each denominator first: "
             "precision = tp / (tp + fp) if tp + fp > 0 else 0.0, likewise for recall, and "
             f"f1 = 0.0 when precision + recall == 0 (seed {seed})")


# --- correctness: ROC AUC -------------------------------------------------------------------

def assert_auc(candidate, y_true, scores, seed, situation):
    note = data_note(seed, y_true=y_true, scores=scores)
    value = call_auc(candidate, y_true, scores, note)
    expected = pairwise_auc(y_true, scores)
    if close(value, expected):
        return
    meaning = auc_mistake(value, y_true, scores)
    fail(f"{situation}: roc_auc returned {value:.10g}, expected {expected:.10g}"
         f"{': ' + meaning if meaning else ''}. Fix: {FIX_AUC} {note}")


@check("correctness")
def test_auc_untied(candidate, rng, seed):
    """On scores without ties, roc_auc is the fraction of (positive, negative) pairs in which
    the positive scores higher."""
    y_true = labels(rng, 60)
    scores = 0.8 * y_true + rng.normal(size=60)
    assert_auc(candidate, y_true, scores, seed, "untied scores")


def tied_scores(rng, n=80):
    """Scores on a coarse grid (about 8 distinct values) with an odd number of tied
    (positive, negative) pairs: the right AUC then has a half that no order of the tied
    samples gives."""
    while True:
        y_true = labels(rng, n, 0.45)
        scores = np.round(np.clip(0.15 * y_true + 0.2 * rng.normal(size=n) + 0.4, 0, 1), 1)
        pairs = sum(int(np.sum((scores == v) & (y_true == 1)) * np.sum((scores == v) &
                                                                        (y_true == 0)))
                    for v in set(scores.tolist()))
        if pairs % 2 == 1:
            return y_true, scores


@check("correctness")
def test_auc_tied_scores(candidate, rng, seed):
    """With many tied scores, roc_auc groups the ties: a (positive, negative) pair with equal
    scores counts one half, whatever order the samples come in."""
    y_true, scores = tied_scores(rng)
    order = np.lexsort((y_true, scores))  # within each tie, negatives first
    for t, s, situation in ((y_true, scores, "scores with many ties (one decimal)"),
                            (y_true[order], scores[order],
                             "the same samples sorted by score, negatives first within ties"),
                            (y_true[order][::-1], scores[order][::-1],
                             "the same samples sorted by decreasing score")):
        note = data_note(seed, y_true=t, scores=s)
        value = call_auc(candidate, t, s, note)
        expected = pairwise_auc(t, s)
        if close(value, expected):
            continue
        meaning = auc_mistake(value, t, s) or untied_meaning(value, t, s)
        fail(f"{situation}: roc_auc returned {value:.10g}, expected {expected:.10g}"
             f"{': ' + meaning if meaning else ''}. Fix: {FIX_AUC} {note}")


@check("correctness")
def test_auc_extremes(candidate, rng, seed):
    """Perfectly separated scores give 1.0, reversed ones 0.0, and constant scores 0.5."""
    y_true = labels(rng, 20)
    base = rng.normal(size=20)
    separated = np.where(y_true == 1, 10 + base, base - 10)
    for scores, expected, situation in ((separated, 1.0, "every positive scores higher"),
                                        (-separated, 0.0, "every positive scores lower"),
                                        (np.full(20, 0.7), 0.5, "all scores equal")):
        note = data_note(seed, y_true=y_true, scores=scores)
        value = call_auc(candidate, y_true, scores, note)
        if close(value, expected):
            continue
        meaning = auc_mistake(value, y_true, scores) or untied_meaning(value, y_true, scores)
        fail(f"{situation}: roc_auc must be {expected}, yours is {value:.6g}"
             f"{': ' + meaning if meaning else ''} {note}")


@check("correctness")
def test_auc_single_class_refused(candidate, rng, seed):
    """roc_auc raises ValueError, with a message, when y_true holds only one class."""
    scores = rng.normal(size=8)
    for y_true, what in ((np.zeros(8, dtype=np.int64), "only negatives"),
                         (np.ones(8, dtype=np.int64), "only positives")):
        label = f"roc_auc(y_true, scores) with {what} in y_true (seed {seed})"
        try:
            value = candidate.call("roc_auc", y_true, scores)
        except NotAttempted:
            raise
        except LearnerRaised as error:
            if error.type != "ValueError":
                fail(f"{label} raised {error.type}: {error.text}. Check the classes first and "
                     "raise ValueError, e.g. raise ValueError(\"roc_auc needs both classes in "
                     "y_true\")")
            if not error.text.strip():
                fail(f"{label} raised ValueError without a message: say why, e.g. "
                     "ValueError(\"roc_auc needs both classes in y_true\")")
            continue
        fail(f"{label} returned {returned(value)}: with one class there is no (positive, "
             "negative) pair, so the AUC is undefined; raise ValueError(\"roc_auc needs "
             "both classes in y_true\") instead of returning a number")


@check("correctness")
def test_auc_monotone_invariance(candidate, rng, seed):
    """A strictly increasing transform of the scores (here of scores from -5 to 5, some tied)
    leaves roc_auc unchanged: only their order matters."""
    y_true = labels(rng, 60)
    scores = np.round(1.5 * y_true + 2 * rng.normal(size=60), 1)
    transformed = probes.strictly_increasing(scores, rng)
    note = data_note(seed, y_true=y_true, scores=scores)
    before = call_auc(candidate, y_true, scores, note)
    after = call_auc(candidate, y_true, transformed, note)
    if close(after, before):
        return
    fail(f"after a strictly increasing transform of the scores (the order and the ties stay, "
         f"the values go from {scores.min():.3g} .. {scores.max():.3g} to "
         f"{transformed.min():.3g} .. {transformed.max():.3g}), roc_auc changed from "
         f"{before:.10g} to {after:.10g}: the AUC depends only on the order of the scores. "
         "Do not use fixed thresholds (np.linspace(0, 1, ...)) or the score values themselves; "
         f"use ranks {note}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n):
    y_true = labels(rng, n)
    y_pred = predictions(rng, y_true)
    scores = np.round(y_true + rng.normal(size=n), 1)
    return Workload((call("confusion_matrix", y_true, y_pred),
                     call("precision_recall_f1", y_true, y_pred),
                     call("roc_auc", y_true, scores)), label=f"{n} samples")


test_no_loop_over_samples = standard.no_loop(
    work_at, "samples", {"n": (64, 512)},
    "Count with boolean masks (np.sum((y_true == 1) & (y_pred == 1))) and rank the scores "
    "with np.unique / np.cumsum instead of walking through samples or thresholds.",
    doc="No Python-level work grows with the number of samples or of distinct scores "
        "(loops, comprehensions, builtins walking arrays, np.vectorize ...).")


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    y_true = labels(rng, 30)
    y_pred, scores = predictions(rng, y_true), rng.normal(size=30) + y_true
    return [Workload((call("confusion_matrix", y_true, y_pred),)),
            Workload((call("precision_recall_f1", y_true, y_pred),)),
            Workload((call("roc_auc", y_true, scores),))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes, fix="compute new arrays instead (np.sort(scores) returns a sorted copy; "
                          "scores.sort() sorts the caller's array in place)",
    doc="confusion_matrix, precision_recall_f1 and roc_auc leave their input arrays unchanged.")


# --- performance ----------------------------------------------------------------------------

def big_data(rng, n=100_000):
    y_true = labels(rng, n, 0.5)
    return {"y_true": y_true,
            "scores": np.round(y_true + rng.normal(size=n), 1)}  # heavy ties: ~90 distinct values


test_speed_at_scale = standard.speed(
    big_data, [(Workload((call("roc_auc", stored("y_true"), stored("scores")),)),
                "roc_auc on 100,000 samples")],
    "If the vectorization check above names a loop, that loop is the cause; otherwise look "
    "for a loop that never shows up as Python lines (map, sum() over an array) or an "
    "(n_pos, n_neg) matrix of pairs, and sort once instead.",
    doc="roc_auc on 100,000 samples runs in time and memory comparable to the reference.")


def memory_data(rng, n=24_000):
    y_true = np.zeros(n, dtype=np.int64)
    y_true[rng.permutation(n)[:n // 2]] = 1
    return {"y_true_24k": y_true, "scores_24k": np.round(y_true + rng.normal(size=n), 1)}


test_no_pairwise_matrix = memory_check(
    memory_data, Workload((call("roc_auc", stored("y_true_24k"), stored("scores_24k")),)),
    "roc_auc on 24,000 samples (12,000 of each class)",
    "Comparing every positive with every negative builds an (n_pos, n_neg) matrix, here "
    "12,000 x 12,000 = 144 million entries (144 MB as booleans, 1.15 GB as floats): "
    f"{FIX_AUC}, which needs O(n) memory.",
    doc="roc_auc peaks at memory comparable to the reference: no (n_pos, n_neg) matrix of "
        "pairs.")
