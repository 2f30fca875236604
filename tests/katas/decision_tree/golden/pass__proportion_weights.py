"""Correct solution that writes the weighted Gini another way, which rounds differently: the
left share p = n_left / n and p * gini_left + (1 - p) * gini_right, with each Gini computed
from the sum of squared counts. The grader compares trees only where ties are exact for any
formula, so this passes every check (the majority label uses np.bincount on class indices)."""

import numpy as np


def gini(y):
    counts = np.unique(y, return_counts=True)[1].astype(float)
    return float(1 - np.sum(counts * counts) / len(y) ** 2)


def best_split(X, y):
    n, d = X.shape
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.zeros((n, len(classes)))
    onehot[np.arange(n), codes] = 1
    best = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="mergesort")
        xs = X[order, j]
        cl = np.cumsum(onehot[order], axis=0)[:-1]
        cr = cl[-1:] + onehot[order[-1:]] - cl if n > 1 else cl
        nl = np.arange(1, n, dtype=float)
        p = nl / n
        gl = 1 - np.sum(cl * cl, axis=1) / nl ** 2
        gr = 1 - np.sum(cr * cr, axis=1) / (n - nl) ** 2
        score = p * gl + (1 - p) * gr
        valid = np.diff(xs) > 0
        if not valid.any():
            continue
        score = np.where(valid, score, np.inf)
        i = int(np.argmin(score))
        if best is None or score[i] < best[2]:
            best = (j, float(xs[i] + (xs[i + 1] - xs[i]) / 2), float(score[i]))
    return best


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        self.classes = np.unique(y)
        self.root = self._node(X, np.searchsorted(self.classes, y), 0)
        return self

    def _node(self, X, codes, depth):
        majority = int(np.argmax(np.bincount(codes)))
        leaf = {"class": majority, "depth": depth}
        if np.all(codes == codes[0]) or len(codes) < self.min_samples_split:
            return leaf
        if self.max_depth is not None and depth == self.max_depth:
            return leaf
        split = best_split(X, codes)
        if split is None:
            return leaf
        f, t, _ = split
        go = X[:, f] <= t
        return {"f": f, "t": t, "depth": depth, "kids": (self._node(X[go], codes[go], depth + 1),
                                                          self._node(X[~go], codes[~go], depth + 1))}

    def predict(self, X):
        codes = np.zeros(len(X), dtype=int)
        todo = [(self.root, np.arange(len(X)))]
        while todo:
            node, rows = todo.pop()
            if "class" in node:
                codes[rows] = node["class"]
            else:
                go = X[rows, node["f"]] <= node["t"]
                todo += [(node["kids"][0], rows[go]), (node["kids"][1], rows[~go])]
        return self.classes[codes]

    def _leaves(self):
        found, todo = [], [self.root]
        while todo:
            node = todo.pop()
            if "class" in node:
                found.append(node)
            else:
                todo.extend(node["kids"])
        return found

    def get_depth(self):
        return max(leaf["depth"] for leaf in self._leaves())

    def get_n_leaves(self):
        return len(self._leaves())


QUIZ_ANSWERS = {
    "gini_value": 0.61,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
