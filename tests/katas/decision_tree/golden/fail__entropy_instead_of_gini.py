"""Classic mistake: entropy where the Gini was asked. gini(y) returns the entropy in bits and
best_split minimises the weighted entropy, so gini's values, best_split's splits and values and
the trees differ from the reference's. The messages must name the entropy."""
# expect-failing: gini_values, best_split_optimal, matches_reference_tree

import numpy as np


def impurity(p):
    """Entropy in bits of each row of proportions (0 log 0 = 0)."""
    logs = np.log2(np.where(p > 0, p, 1.0))
    return -np.sum(p * logs, axis=-1)


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    return float(impurity(counts / len(y)))


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
        h_left = impurity(left / n_left)
        h_right = impurity(right / (n - n_left))
        score = (n_left[:, 0] * h_left + (n - n_left[:, 0]) * h_right) / n
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
