"""Classic mistake: the children's Gini is averaged, not weighted by their sizes:
score = (gini_left + gini_right) / 2. Splitting off a single pure row then looks good, so
best_split picks other partitions than the weighted optimum and returns the wrong value; the
trees built on it differ from the reference's. The messages must name the plain average."""
# expect-failing: best_split_optimal, matches_reference_tree

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    return float(1 - np.sum((counts / len(y)) ** 2))


def best_split(X, y):
    n, d = X.shape
    if n < 2:
        return None
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(len(classes))[codes]
    best = None
    for j in range(d):
        order = np.argsort(X[:, j])
        xs = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]
        right = onehot.sum(axis=0) - left
        n_left = np.arange(1, n)[:, None]
        gini_left = 1 - np.sum((left / n_left) ** 2, axis=1)
        gini_right = 1 - np.sum((right / (n - n_left)) ** 2, axis=1)
        score = (gini_left + gini_right) / 2          # each child counts the same
        score[xs[1:] == xs[:-1]] = np.inf
        i = int(np.argmin(score))
        if np.isfinite(score[i]) and (best is None or score[i] < best[2]):
            best = (j, float((xs[i] + xs[i + 1]) / 2), float(score[i]))
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
        if len(labels) == 1 or len(y) < self.min_samples_split or (
                self.max_depth is not None and depth >= self.max_depth):
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
