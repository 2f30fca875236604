"""Decision tree classifier (CART, Gini impurity) — your implementation.

Read the statement first:   python grader.py show decision_tree
Grade this file:            python grader.py check decision_tree --file <this file>

Rules: NumPy only; rows with X[:, feature] <= threshold go left; best_split may loop over the
features but not over rows or thresholds; the tree may loop or recurse over its nodes, not over
samples; do not modify X or y.
"""

import numpy as np


def gini(y):
    """Gini impurity 1 - sum_k p_k**2 of the labels y (shape (n,)), as a float."""
    # TODO
    raise NotImplementedError("TODO: gini")


def best_split(X, y):
    """The best split of the rows of X (n, d) with labels y (n,).

    Return (feature, threshold, weighted_gini): rows with X[:, feature] <= threshold go left,
    threshold is the midpoint between two consecutive distinct values of that feature, and
    weighted_gini = (n_left * gini(y_left) + n_right * gini(y_right)) / n is the smallest of
    all such splits (ties: lowest feature, then lowest threshold). Return None when no feature
    has two distinct values.
    """
    # TODO: per feature, sort once and score every threshold with cumulative class counts
    raise NotImplementedError("TODO: best_split")


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        """max_depth: None (no limit) or the largest depth (root = 0); a node with fewer than
        min_samples_split rows is a leaf."""
        # TODO: keep the parameters
        raise NotImplementedError("TODO: __init__")

    def fit(self, X, y):
        """Grow the tree greedily from the root with best_split; return self.

        A node is a leaf when it is pure, at depth max_depth, smaller than min_samples_split,
        or when best_split returns None; a leaf predicts its most frequent label (ties: the
        smallest label).
        """
        # TODO
        raise NotImplementedError("TODO: fit")

    def predict(self, X):
        """The (m,) array of predicted labels for X (m, d): route all rows through each node
        at once with a boolean mask (no loop over samples)."""
        # TODO
        raise NotImplementedError("TODO: predict")

    def get_depth(self):
        """The depth of the deepest leaf (a single-leaf tree has depth 0), an int."""
        # TODO
        raise NotImplementedError("TODO: get_depth")

    def get_n_leaves(self):
        """The number of leaves, an int."""
        # TODO
        raise NotImplementedError("TODO: get_n_leaves")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz decision_tree` to read the questions, or
# see them in the grader's output.
QUIZ_ANSWERS = {
    "gini_value": None,
    "weighted_split": None,
    "candidate_thresholds": None,
    "why_weighted": None,
    "sorted_counts_cost": None,
    "zero_gain_split": None,
    "depth_and_overfitting": None,
}
