"""Classic mistake: min_samples_split used as inclusive. A node is made a leaf when it has at
most min_samples_split rows (n <= min_samples_split) instead of fewer (n < min_samples_split),
so with the default of 2 an impure pair of rows is never split. The training-fit check must
say that a node with exactly min_samples_split rows is still split (the evidence: two rows
with different labels stay one leaf), never that the tree stops on zero gain; the stopping
check (min_samples_split equal to the number of rows) and the reference tree (data chosen to
split a 2-row node) fail too."""
# expect-failing: fits_training_data, stopping_parameters, matches_reference_tree
# never-says: do not stop on zero gain

import numpy as np


def gini(y):
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    return float(1.0 - np.dot(p, p))


def best_split(X, y):
    n, d = X.shape
    if n < 2:
        return None
    classes, idx = np.unique(y, return_inverse=True)
    onehot = np.zeros((n, len(classes)))
    onehot[np.arange(n), idx] = 1.0
    total = onehot.sum(axis=0)
    k = np.arange(1, n)
    best = None
    for f in range(d):
        order = np.argsort(X[:, f])
        xs = X[order, f]
        cl = np.cumsum(onehot[order], axis=0)[:-1]
        cr = total - cl
        score = (k * (1 - np.sum((cl / k[:, None]) ** 2, axis=1))
                 + (n - k) * (1 - np.sum((cr / (n - k)[:, None]) ** 2, axis=1))) / n
        score[xs[:-1] == xs[1:]] = np.inf
        i = int(np.argmin(score))
        if np.isfinite(score[i]) and (best is None or score[i] < best[2]):
            best = (f, float((xs[i] + xs[i + 1]) / 2), float(score[i]))
    return best


class Leaf:
    def __init__(self, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        self.label, self.depth = labels[np.argmax(counts)], depth


class Split:
    def __init__(self, feature, threshold, left, right):
        self.feature, self.threshold, self.left, self.right = feature, threshold, left, right


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def _build(self, X, y, depth):
        if len(np.unique(y)) == 1:
            return Leaf(y, depth)
        if self.max_depth is not None and depth >= self.max_depth:
            return Leaf(y, depth)
        if len(y) <= self.min_samples_split:       # too few rows to split
            return Leaf(y, depth)
        split = best_split(X, y)
        if split is None:
            return Leaf(y, depth)
        f, t, _ = split
        go = X[:, f] <= t
        return Split(f, t, self._build(X[go], y[go], depth + 1),
                     self._build(X[~go], y[~go], depth + 1))

    def fit(self, X, y):
        self._dtype = y.dtype
        self.root_ = self._build(X, y, 0)
        return self

    def predict(self, X):
        out = np.empty(X.shape[0], dtype=self._dtype)
        todo = [(self.root_, np.arange(X.shape[0]))]
        while todo:
            node, rows = todo.pop()
            if isinstance(node, Leaf):
                out[rows] = node.label
            else:
                go = X[rows, node.feature] <= node.threshold
                todo += [(node.left, rows[go]), (node.right, rows[~go])]
        return out

    def _leaves(self, node):
        if isinstance(node, Leaf):
            return [node]
        return self._leaves(node.left) + self._leaves(node.right)

    def get_depth(self):
        return max(leaf.depth for leaf in self._leaves(self.root_))

    def get_n_leaves(self):
        return len(self._leaves(self.root_))


QUIZ_ANSWERS = {
    "gini_value": 0.611,
    "weighted_split": 0.25,
    "candidate_thresholds": 6,
    "why_weighted": "b",
    "sorted_counts_cost": "c",
    "zero_gain_split": "a",
    "depth_and_overfitting": "d",
}
