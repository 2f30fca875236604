"""Correct solution without any loop over features: best_split sorts every column at once
(np.argsort(X, axis=0)), builds the (n - 1, d, C) cumulative counts in one np.cumsum and picks
the first minimum in feature-major order. The tree lives in flat lists grown with an explicit
stack, and predict routes index arrays with a stack as well. Every check passes."""

import numpy as np


def gini(y):
    p = np.unique(y, return_counts=True)[1] / len(y)
    return float(1 - p @ p)


def best_split(X, y):
    n, d = X.shape
    if n < 2:
        return None
    classes = np.unique(y)
    onehot = (y[:, None] == classes[None, :]).astype(float)       # (n, C)
    order = np.argsort(X, axis=0)                                  # (n, d)
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(onehot[order], axis=0)[:-1]                   # (n - 1, d, C)
    right = onehot.sum(axis=0) - left
    n_left = np.arange(1, n)[:, None]                              # (n - 1, 1)
    n_right = n - n_left
    g_left = 1 - np.sum(left ** 2, axis=2) / n_left ** 2
    g_right = 1 - np.sum(right ** 2, axis=2) / n_right ** 2
    score = (n_left * g_left + n_right * g_right) / n               # (n - 1, d)
    score[xs[1:] == xs[:-1]] = np.inf
    flat = score.T.ravel()                                         # feature 0's cuts first
    if np.all(np.isinf(flat)):
        return None
    k = int(np.argmin(flat))
    feature, cut = divmod(k, n - 1)
    return feature, float((xs[cut, feature] + xs[cut + 1, feature]) / 2), float(flat[k])


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def fit(self, X, y):
        self.feature, self.threshold, self.left, self.right = [], [], [], []
        self.label, self.depth = [], []
        stack = [(np.arange(len(y)), 0, None, None)]               # rows, depth, parent, side
        while stack:
            rows, depth, parent, side = stack.pop()
            node = len(self.label)
            if parent is not None:
                (self.left if side == 0 else self.right)[parent] = node
            values, counts = np.unique(y[rows], return_counts=True)
            self.label.append(values[np.argmax(counts)])
            self.depth.append(depth)
            self.feature.append(-1)
            self.threshold.append(0.0)
            self.left.append(-1)
            self.right.append(-1)
            if len(values) == 1 or len(rows) < self.min_samples_split or (
                    self.max_depth is not None and depth >= self.max_depth):
                continue
            split = best_split(X[rows], y[rows])
            if split is None:
                continue
            f, t, _ = split
            self.feature[node], self.threshold[node] = f, t
            go_left = X[rows, f] <= t
            stack.append((rows[~go_left], depth + 1, node, 1))
            stack.append((rows[go_left], depth + 1, node, 0))
        self.label = np.array(self.label)
        return self

    def predict(self, X):
        out = np.empty(len(X), dtype=self.label.dtype)
        stack = [(0, np.arange(len(X)))]
        while stack:
            node, rows = stack.pop()
            if self.left[node] == -1:
                out[rows] = self.label[node]
                continue
            go_left = X[rows, self.feature[node]] <= self.threshold[node]
            stack.append((self.left[node], rows[go_left]))
            stack.append((self.right[node], rows[~go_left]))
        return out

    def get_depth(self):
        leaves = np.array(self.left) == -1
        return int(np.max(np.array(self.depth)[leaves]))

    def get_n_leaves(self):
        return int(np.sum(np.array(self.left) == -1))


QUIZ_ANSWERS = {
    "gini_value": 22 / 36,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
