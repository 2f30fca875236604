"""Classic mistake: a threshold that leaves a child empty. best_split pads the sorted column
so that every row has a 'next value' and also scores the cut after the last row (all rows
left, the empty right child counted as Gini 0). On identical rows it returns that cut instead
of None, and the tree then splits the same rows again and again until Python's recursion
limit. The empty-child and duplicate-rows checks must name it."""
# expect-failing: output_shapes, no_split_without_two_distinct_values, duplicate_rows_make_a_leaf

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1 - np.sum(p ** 2))


def best_split(X, y):
    n, d = X.shape
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(len(classes))[codes]
    best = None
    for j in range(d):
        order = np.argsort(X[:, j])
        values = X[order, j]
        following = np.append(values[1:], values[-1] + 1.0)   # a next value for every row
        left = np.cumsum(onehot[order], axis=0)                # n cuts, the last one: all rows
        right = left[-1] - left
        n_left = np.arange(1, n + 1)
        n_right = n - n_left
        g_left = 1 - np.sum((left / n_left[:, None]) ** 2, axis=1)
        safe = np.maximum(n_right, 1)[:, None]
        g_right = np.where(n_right > 0, 1 - np.sum((right / safe) ** 2, axis=1), 0.0)
        score = (n_left * g_left + n_right * g_right) / n
        score[values == following] = np.inf
        i = int(np.argmin(score))
        if np.isfinite(score[i]) and (best is None or score[i] < best[2]):
            best = (j, float((values[i] + following[i]) / 2), float(score[i]))
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
        leaf = {"label": labels[np.argmax(counts)], "depth": depth}
        if len(labels) == 1 or len(y) < self.min_samples_split:
            return leaf
        if self.max_depth is not None and depth >= self.max_depth:
            return leaf
        split = best_split(X, y)
        if split is None:
            return leaf
        f, t, _ = split
        mask = X[:, f] <= t
        return {"f": f, "t": t, "left": self._grow(X[mask], y[mask], depth + 1),
                "right": self._grow(X[~mask], y[~mask], depth + 1)}

    def predict(self, X):
        out = np.zeros(len(X), dtype=int)
        self._route(self.root, X, np.arange(len(X)), out)
        return out

    def _route(self, node, X, rows, out):
        if "label" in node:
            out[rows] = node["label"]
            return
        mask = X[rows, node["f"]] <= node["t"]
        self._route(node["left"], X, rows[mask], out)
        self._route(node["right"], X, rows[~mask], out)

    def get_depth(self, node=None):
        node = self.root if node is None else node
        if "label" in node:
            return node["depth"]
        return max(self.get_depth(node["left"]), self.get_depth(node["right"]))

    def get_n_leaves(self, node=None):
        node = self.root if node is None else node
        if "label" in node:
            return 1
        return self.get_n_leaves(node["left"]) + self.get_n_leaves(node["right"])


QUIZ_ANSWERS = {
    "gini_value": 0.611,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
