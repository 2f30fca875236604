"""Reference solution: confusion matrix, precision / recall / F1 and ROC AUC for binary labels."""

import numpy as np


def confusion_matrix(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = int(np.sum((y_true == 1) & (y_pred == 1)))
    tn = int(np.sum((y_true == 0) & (y_pred == 0)))
    fp = int(np.sum((y_true == 0) & (y_pred == 1)))
    fn = int(np.sum((y_true == 1) & (y_pred == 0)))
    return np.array([[tn, fp], [fn, tp]])


def precision_recall_f1(y_true, y_pred):
    (_, fp), (fn, tp) = confusion_matrix(y_true, y_pred)
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)


def roc_auc(y_true, scores):
    """P(score of a random positive > score of a random negative), ties counting 1/2: the
    Mann-Whitney U statistic, from the ranks of the scores (tied scores share their mean rank)."""
    positive = np.asarray(y_true) == 1
    n_pos = int(np.sum(positive))
    n_neg = len(positive) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs both classes in y_true: the AUC compares positives "
                         f"with negatives, and y_true has {n_pos} positives and {n_neg} "
                         "negatives")
    _, group, counts = np.unique(scores, return_inverse=True, return_counts=True)
    last_rank = np.cumsum(counts)                  # 1-based rank of each group's last member
    mean_rank = last_rank - (counts - 1) / 2       # tied scores share their mean rank
    rank_sum = np.sum(mean_rank[group.reshape(-1)][positive])
    return float((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.6667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
