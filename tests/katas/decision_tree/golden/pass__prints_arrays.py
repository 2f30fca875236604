"""Correct solution that prints arrays while it works: the sorted column and the cumulative
counts of every feature, each split as it is chosen, the label arrays of the leaves and the
predictions. Printing never changes a verdict, so every check passes."""

import numpy as np


def gini(y):
    labels, counts = np.unique(y, return_counts=True)
    print("gini of", y, "counts", counts)
    return float(1.0 - np.sum((counts / len(y)) ** 2))


def best_split(X, y):
    n, d = X.shape
    if n <= 1:
        return None
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(len(classes))[codes]
    sizes = np.arange(1, n)
    best = None
    for j in range(d):
        order = X[:, j].argsort()
        values = X[order, j]
        left = onehot[order].cumsum(axis=0)[:-1]
        right = onehot.sum(axis=0) - left
        print(f"feature {j}: sorted {values}")
        print("left counts:\n", left)
        impurity_left = 1.0 - ((left / sizes[:, None]) ** 2).sum(axis=1)
        impurity_right = 1.0 - ((right / (n - sizes)[:, None]) ** 2).sum(axis=1)
        weighted = (sizes * impurity_left + (n - sizes) * impurity_right) / n
        weighted = np.where(values[:-1] < values[1:], weighted, np.inf)
        print("scores", np.round(weighted, 3))
        i = weighted.argmin()
        if np.isfinite(weighted[i]) and (best is None or weighted[i] < best[2]):
            best = (j, float((values[i] + values[i + 1]) / 2), float(weighted[i]))
    print("best split:", best)
    return best


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        print("fitting on", X.shape, "labels", y)
        self.tree = self.grow(X, y, 0)
        return self

    def grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        majority = labels[np.argmax(counts)]
        stop = (len(labels) == 1 or len(y) < self.min_samples_split
                or (self.max_depth is not None and depth >= self.max_depth))
        split = None if stop else best_split(X, y)
        if split is None:
            print(f"leaf at depth {depth}: labels {y} -> {majority}")
            return ("leaf", majority, depth)
        f, t, _ = split
        mask = X[:, f] <= t
        return ("split", f, t, self.grow(X[mask], y[mask], depth + 1),
                self.grow(X[~mask], y[~mask], depth + 1))

    def predict(self, X):
        out = np.zeros(len(X), dtype=np.asarray(self.first_label(self.tree)).dtype)
        self.send(self.tree, X, np.arange(len(X)), out)
        print("predictions:", out)
        return out

    def first_label(self, node):
        return node[1] if node[0] == "leaf" else self.first_label(node[3])

    def send(self, node, X, rows, out):
        if node[0] == "leaf":
            out[rows] = node[1]
        else:
            _, f, t, left, right = node
            mask = X[rows, f] <= t
            self.send(left, X, rows[mask], out)
            self.send(right, X, rows[~mask], out)

    def get_depth(self, node=None):
        node = self.tree if node is None else node
        if node[0] == "leaf":
            return node[2]
        return max(self.get_depth(node[3]), self.get_depth(node[4]))

    def get_n_leaves(self, node=None):
        node = self.tree if node is None else node
        if node[0] == "leaf":
            return 1
        return self.get_n_leaves(node[3]) + self.get_n_leaves(node[4])


QUIZ_ANSWERS = {
    "gini_value": 0.6111,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
