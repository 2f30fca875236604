"""Reference solution: a CART-style decision tree classifier with the Gini impurity."""

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1.0 - np.sum(p ** 2))


def best_split(X, y):
    n, d = X.shape
    if n < 2:
        return None
    _, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(codes.max() + 1)[codes]                  # (n, C)
    n_left = np.arange(1, n)                                 # rows left of each cut
    best = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        values = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]         # (n - 1, C) class counts
        right = left[-1] + onehot[order[-1]] - left           # totals minus left
        gini_left = 1.0 - np.sum((left / n_left[:, None]) ** 2, axis=1)
        gini_right = 1.0 - np.sum((right / (n - n_left)[:, None]) ** 2, axis=1)
        weighted = (n_left * gini_left + (n - n_left) * gini_right) / n
        weighted[values[1:] == values[:-1]] = np.inf        # no cut between equal values
        if np.isinf(weighted).all():                         # a constant feature
            continue
        i = int(np.argmin(weighted))                         # first minimum: lowest threshold
        if best is None or weighted[i] < best[2]:            # strictly better: lowest feature
            best = (j, float((values[i] + values[i + 1]) / 2), float(weighted[i]))
    return best


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.root = None

    def fit(self, X, y):
        self.root = self._grow(X, y, 0)
        return self

    def _grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        leaf = {"label": labels[np.argmax(counts)], "depth": depth}
        if len(labels) == 1 or len(y) < self.min_samples_split or \
                (self.max_depth is not None and depth >= self.max_depth):
            return leaf
        split = best_split(X, y)
        if split is None:
            return leaf
        feature, threshold, _ = split
        go_left = X[:, feature] <= threshold
        return {"feature": feature, "threshold": threshold,
                "left": self._grow(X[go_left], y[go_left], depth + 1),
                "right": self._grow(X[~go_left], y[~go_left], depth + 1)}

    def predict(self, X):
        out = np.empty(len(X), dtype=np.asarray(self._any_label(self.root)).dtype)
        self._route(self.root, X, np.arange(len(X)), out)
        return out

    def _route(self, node, X, rows, out):
        if "label" in node:
            out[rows] = node["label"]
            return
        go_left = X[rows, node["feature"]] <= node["threshold"]
        self._route(node["left"], X, rows[go_left], out)
        self._route(node["right"], X, rows[~go_left], out)

    def _any_label(self, node):
        return node["label"] if "label" in node else self._any_label(node["left"])

    def get_depth(self):
        return self._depth(self.root)

    def _depth(self, node):
        if "label" in node:
            return node["depth"]
        return max(self._depth(node["left"]), self._depth(node["right"]))

    def get_n_leaves(self):
        return self._leaves(self.root)

    def _leaves(self, node):
        if "label" in node:
            return 1
        return self._leaves(node["left"]) + self._leaves(node["right"])


QUIZ_ANSWERS = {
    "gini_value": 0.6111,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
