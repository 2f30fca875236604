"""Correct, printing arrays while it works, integrating the ROC curve: one point per distinct
threshold (tied scores cross together, so the segment across a tie is diagonal and counts one
half), from the highest score down, with np.trapezoid (the NumPy 2 name of the trapezoid
rule). Printing never changes a verdict: every check passes."""

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
    print("sorted scores", s, "labels", y)
    last_of_group = np.r_[s[1:] != s[:-1], True]
    tps = np.cumsum(y)[last_of_group]
    fps = np.cumsum(~y)[last_of_group]
    tpr = np.r_[0.0, tps / n_pos]
    fpr = np.r_[0.0, fps / n_neg]
    print(f"ROC points:\n{np.column_stack([fpr, tpr])}")
    area = np.trapezoid(tpr, fpr)
    print("AUC =", repr(area))
    return float(area)


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
