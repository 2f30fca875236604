"""Counts TP as every correct prediction, np.sum(y_true == y_pred), which adds the true
negatives to it; precision and recall are then computed from that confusion matrix. The
confusion-matrix checks name the wrong cell, and precision_recall_f1 must point at the
learner's own confusion matrix as the cause, not at the formulas (which are right)."""
# expect-failing: confusion_matrix_values, confusion_matrix_missing_class, precision_recall_f1_values, zero_denominators

import numpy as np


def confusion_matrix(y_true, y_pred):
    tp = np.sum(y_true == y_pred)
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    return np.array([[tn, fp], [fn, tp]])


def precision_recall_f1(y_true, y_pred):
    (tn, fp), (fn, tp) = confusion_matrix(y_true, y_pred)
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


def roc_auc(y_true, scores):
    order = np.argsort(scores, kind="stable")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    sorted_scores = scores[order]
    # average ranks over ties
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    mean_rank = first + (counts + 1) / 2
    ranks[order] = np.repeat(mean_rank, counts)
    positives = y_true == 1
    n_pos, n_neg = np.sum(positives), np.sum(~positives)
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes in y_true")
    return float((np.sum(ranks[positives]) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
