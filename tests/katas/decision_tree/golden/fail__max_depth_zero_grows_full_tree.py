"""Classic mistake: the depth limit is tested by truthiness, `if self.max_depth and depth >=
self.max_depth`. That is right for None and for every positive limit, but 0 is falsy too, so
max_depth=0 grows the whole unlimited tree instead of a single leaf predicting the majority.
The stopping check (which fits with max_depth=0) must fail and name the `is not None` test;
everything else passes."""
# expect-failing: stopping_parameters

import numpy as np


def gini(y):
    counts = np.unique(y, return_counts=True)[1]
    return float(1 - np.sum((counts / len(y)) ** 2))


def best_split(X, y):
    n, d = X.shape
    classes, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(len(classes))[codes]
    total = onehot.sum(axis=0)
    n_left = np.arange(1, n, dtype=float)
    result = None
    for j in range(d):
        order = np.argsort(X[:, j], kind="stable")
        col = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]
        right = total - left
        gl = 1 - np.sum((left / n_left[:, None]) ** 2, axis=1)
        gr = 1 - np.sum((right / (n - n_left)[:, None]) ** 2, axis=1)
        score = np.where(col[:-1] < col[1:], (n_left * gl + (n - n_left) * gr) / n, np.inf)
        if score.size == 0 or np.isinf(score.min()):
            continue
        i = int(np.argmin(score))
        if result is None or score[i] < result[2]:
            result = (j, float((col[i] + col[i + 1]) / 2), float(score[i]))
    return result


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        # flat arrays: feature (-1 for a leaf), threshold, children, label, depth
        self.feature, self.threshold, self.left, self.right = [], [], [], []
        self.label, self.depth = [], []
        stack = [(np.arange(len(y)), 0, None, None)]
        while stack:
            rows, depth, parent, side = stack.pop()
            node = len(self.feature)
            if parent is not None:
                (self.left if side == "L" else self.right)[parent] = node
            labels, counts = np.unique(y[rows], return_counts=True)
            self.label.append(labels[np.argmax(counts)])
            self.depth.append(depth)
            self.feature.append(-1)
            self.threshold.append(0.0)
            self.left.append(-1)
            self.right.append(-1)
            if len(labels) == 1 or len(rows) < self.min_samples_split:
                continue
            if self.max_depth and depth >= self.max_depth:      # 0 counts as "no limit"
                continue
            split = best_split(X[rows], y[rows])
            if split is None:
                continue
            f, t, _ = split
            self.feature[node], self.threshold[node] = f, t
            go = X[rows, f] <= t
            stack.append((rows[~go], depth + 1, node, "R"))
            stack.append((rows[go], depth + 1, node, "L"))
        self.label = np.array(self.label)
        return self

    def predict(self, X):
        out = np.empty(len(X), dtype=self.label.dtype)
        stack = [(0, np.arange(len(X)))]
        while stack:
            node, rows = stack.pop()
            if self.feature[node] < 0:
                out[rows] = self.label[node]
                continue
            go = X[rows, self.feature[node]] <= self.threshold[node]
            stack.append((self.left[node], rows[go]))
            stack.append((self.right[node], rows[~go]))
        return out

    def get_depth(self):
        return int(max(d for d, f in zip(self.depth, self.feature) if f < 0))

    def get_n_leaves(self):
        return int(sum(f < 0 for f in self.feature))


QUIZ_ANSWERS = {
    "gini_value": 0.611,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
