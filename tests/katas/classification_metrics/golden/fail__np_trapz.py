"""Integrates the ROC curve with np.trapz, which NumPy 2.x removed: every call of roc_auc on
two classes raises AttributeError (the single-class check, which raises ValueError first,
passes). Every check that calls roc_auc must fail, with the advice naming np.trapz."""
# expect-failing: output_shapes, auc_untied, auc_tied_scores, auc_extremes, auc_monotone_invariance

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
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], pos[order]
    keep = np.r_[s[1:] != s[:-1], True]
    tpr = np.r_[0.0, np.cumsum(y)[keep] / n_pos]
    fpr = np.r_[0.0, np.cumsum(~y)[keep] / n_neg]
    return float(np.trapz(tpr, fpr))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
