"""Classic mistake: no stop on pure nodes. The tree keeps splitting a node whose labels are all
equal (every split of it has weighted Gini 0), until single rows or equal rows remain. The
predictions do not change, but the tree has far more leaves than needed and its work grows
with the data: the pure-node checks must say that a pure node is a leaf."""
# expect-failing: pure_nodes_stop, matches_reference_tree, no_loop_over_samples_in_tree

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1.0 - np.sum(p * p))


def best_split(X, y):
    n, d = X.shape
    if n < 2:
        return None
    classes = np.unique(y)
    onehot = (y[:, None] == classes).astype(float)
    best = None
    for feature in range(d):
        order = np.argsort(X[:, feature])
        values = X[order, feature]
        left = np.cumsum(onehot[order], axis=0)[:-1]
        right = onehot.sum(axis=0) - left
        k = np.arange(1, n)
        score = (k * (1 - np.sum((left / k[:, None]) ** 2, axis=1))
                 + (n - k) * (1 - np.sum((right / (n - k)[:, None]) ** 2, axis=1))) / n
        score[values[1:] == values[:-1]] = np.inf
        i = int(np.argmin(score))
        if np.isfinite(score[i]) and (best is None or score[i] < best[2]):
            best = (feature, float((values[i] + values[i + 1]) / 2), float(score[i]))
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
        if len(y) >= self.min_samples_split and (   # no test for a pure node
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
