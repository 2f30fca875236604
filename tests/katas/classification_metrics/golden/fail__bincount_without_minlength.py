"""Counts the four cells with np.bincount(2 * y_true + y_pred) but forgets minlength=4: when
no sample is truly positive and predicted positive (code 3), bincount returns fewer than 4
counts and the reshape to (2, 2) raises. precision_recall_f1 builds on confusion_matrix, so
zero_denominators must blame the confusion matrix (naming its line), not the 0 / 0 rule; the
confusion-matrix checks must say why counts go missing."""
# expect-failing: confusion_matrix_missing_class, zero_denominators

import numpy as np


def confusion_matrix(y_true, y_pred):
    counts = np.bincount(2 * np.asarray(y_true, dtype=int) + np.asarray(y_pred, dtype=int))
    return counts.reshape(2, 2)


def precision_recall_f1(y_true, y_pred):
    (tn, fp), (fn, tp) = confusion_matrix(y_true, y_pred)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def roc_auc(y_true, scores):
    y_true = np.asarray(y_true)
    positives, negatives = scores[y_true == 1], scores[y_true == 0]
    if len(positives) == 0 or len(negatives) == 0:
        raise ValueError(f"roc_auc needs both classes: {len(positives)} positives, "
                         f"{len(negatives)} negatives")
    order = np.sort(negatives)
    below = np.searchsorted(order, positives, side="left")
    tied = np.searchsorted(order, positives, side="right") - below
    return float((below.sum() + 0.5 * tied.sum()) / (len(positives) * len(negatives)))


QUIZ_ANSWERS = {
    "f1_by_hand": 0.6,
    "auc_by_hand": 0.667,
    "precision_without_positives": "b",
    "imbalanced_accuracy": "d",
    "what_changes_auc": "c",
    "auc_below_half": "a",
}
