"""Samples the ROC curve at 101 fixed thresholds np.linspace(0, 1, 101), as if scores were
probabilities: approximate on scores that fall between grid points, and blind outside [0, 1]
(a strictly increasing transform that moves the scores out of [0, 1] collapses the AUC to 0.5).
The untied check and the strictly-increasing-transform check must fail, naming the fixed
thresholds."""
# expect-failing: auc_untied, auc_monotone_invariance

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
    thresholds = np.linspace(0, 1, 101)
    predicted = scores[None, :] >= thresholds[:, None]
    tpr = np.r_[1.0, (predicted & pos).sum(axis=1) / n_pos, 0.0]
    fpr = np.r_[1.0, (predicted & ~pos).sum(axis=1) / n_neg, 0.0]
    return float(np.sum((fpr[:-1] - fpr[1:]) * (tpr[:-1] + tpr[1:]) / 2))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
