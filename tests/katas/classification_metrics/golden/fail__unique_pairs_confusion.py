"""Counts the (true, predicted) pairs with np.unique(..., axis=0, return_counts=True) and
reshapes the counts to (2, 2): right when all four pairs occur, but a pair that never occurs is
simply missing, and the reshape fails. The missing-class check and the shapes check (whose two
samples leave pairs out) must fail, both with the advice to count all four cells."""
# expect-failing: output_shapes, confusion_matrix_missing_class

import numpy as np


def confusion_matrix(y_true, y_pred):
    pairs = np.column_stack([y_true, y_pred])
    _, counts = np.unique(pairs, axis=0, return_counts=True)
    return counts.reshape(2, 2)


def precision_recall_f1(y_true, y_pred):
    tp = np.sum(y_true * y_pred)
    fp = np.sum((1 - y_true) * y_pred)
    fn = np.sum(y_true * (1 - y_pred))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp > 0 else 0.0
    return float(precision), float(recall), float(f1)


def roc_auc(y_true, scores):
    pos = y_true == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUC is undefined when y_true has a single class")
    _, group, counts = np.unique(scores, return_inverse=True, return_counts=True)
    mean_rank = np.cumsum(counts) - (counts - 1) / 2
    return float((mean_rank[group][pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
