"""AUC from ranks 1 .. n given by one argsort, without sharing ranks among tied scores: right
on untied scores, but with ties the order of the tied samples decides. The tied-scores check
and the extremes check (all scores equal must give 0.5) must fail, both saying ties are not
grouped."""
# expect-failing: auc_tied_scores, auc_extremes

import numpy as np


def confusion_matrix(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    return np.array([[tn, fp], [fn, tp]])


def precision_recall_f1(y_true, y_pred):
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return float(p), float(r), float(f)


def roc_auc(y_true, scores):
    pos = y_true == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC is undefined when y_true has a single class")
    ranks = np.empty(len(scores))
    ranks[np.argsort(scores, kind="stable")] = np.arange(1, len(scores) + 1)
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
