"""Classification metrics for binary labels — your implementation.

Read the statement first:   python grader.py show classification_metrics
Grade this file:            python grader.py check classification_metrics --file <this file>

Rules: NumPy only; no Python loop over the samples or the thresholds; do not modify the inputs.
Labels are 0 (negative) and 1 (positive).
"""

import numpy as np


def confusion_matrix(y_true, y_pred):
    """Return the (2, 2) array of counts [[TN, FP], [FN, TP]]: rows = true class, columns =
    predicted class, (2, 2) even when a class is missing."""
    # TODO
    raise NotImplementedError("TODO: confusion_matrix")


def precision_recall_f1(y_true, y_pred):
    """Return (precision, recall, f1) as floats; each is 0.0 when its denominator is 0."""
    # TODO
    raise NotImplementedError("TODO: precision_recall_f1")


def roc_auc(y_true, scores):
    """Return P(score of a random positive > score of a random negative), ties counting one
    half, as a float. Raise ValueError if y_true holds only one class. O(n log n): no
    (n_pos, n_neg) matrix."""
    # TODO
    raise NotImplementedError("TODO: roc_auc")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz classification_metrics` to read the
# questions, or see them in the grader's output.
QUIZ_ANSWERS = {
    "f1_by_hand": None,
    "auc_by_hand": None,
    "precision_without_positives": None,
    "imbalanced_accuracy": None,
    "what_changes_auc": None,
    "auc_below_half": None,
}
