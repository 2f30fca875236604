"""Classic mistake: the O(n^2) split search. For every feature, best_split loops over the
distinct values and rebuilds both children with a boolean mask (y[X[:, j] <= t]) for each
threshold, calling gini twice per candidate. The answers are right, but the work per feature
grows with the number of rows: both vectorization checks must name the loop (the tree's fit
calls best_split), and at 4,000 rows the split search is far slower than the reference's."""
# expect-failing: no_rescan_in_best_split, no_loop_over_samples_in_tree, speed_at_scale

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1.0 - np.sum(p * p))


def best_split(X, y):
    n, d = X.shape
    best = None
    for feature in range(d):
        values = np.unique(X[:, feature])
        for low, high in zip(values[:-1], values[1:]):
            threshold = (low + high) / 2
            mask = X[:, feature] <= threshold
            left, right = y[mask], y[~mask]
            score = (len(left) * gini(left) + len(right) * gini(right)) / n
            if best is None or score < best[2]:
                best = (feature, float(threshold), score)
    return best


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        self.root = self._grow(X, y, 0)
        return self

    def _grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        node = {"label": labels[np.argmax(counts)], "depth": depth, "split": None}
        if len(labels) > 1 and len(y) >= self.min_samples_split and (
                self.max_depth is None or depth < self.max_depth):
            split = best_split(X, y)
            if split is not None:
                f, t, _ = split
                mask = X[:, f] <= t
                node["split"] = (f, t, self._grow(X[mask], y[mask], depth + 1),
                                 self._grow(X[~mask], y[~mask], depth + 1))
        return node

    def predict(self, X):
        out = np.zeros(len(X), dtype=int)
        self._route(self.root, X, np.arange(len(X)), out)
        return out

    def _route(self, node, X, rows, out):
        if node["split"] is None:
            out[rows] = node["label"]
            return
        f, t, left, right = node["split"]
        mask = X[rows, f] <= t
        self._route(left, X, rows[mask], out)
        self._route(right, X, rows[~mask], out)

    def _leaves(self, node):
        if node["split"] is None:
            return [node]
        return self._leaves(node["split"][2]) + self._leaves(node["split"][3])

    def get_depth(self):
        return max(leaf["depth"] for leaf in self._leaves(self.root))

    def get_n_leaves(self):
        return len(self._leaves(self.root))


QUIZ_ANSWERS = {
    "gini_value": 0.611,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
