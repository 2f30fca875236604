"""Brute-force references for decision-tree katas, computed in the examiner's process.

A split of a node is graded by the *partition* it makes (which rows go left), never by its
threshold number, and its quality by the exhaustive optimum, so these helpers enumerate every
candidate partition of a node independently of any learner's (or the reference's) sorted
cumulative counts: one boolean mask per threshold, class counts by a matrix product.

They also grow a whole greedy tree the slow, obvious way, with variants that stand for classic
mistakes (entropy instead of Gini, unweighted child impurities, an off-by-one depth limit,
thresholds at the values instead of the midpoints), so a check can name the one a learner's
tree behaves like; and they say whether a data set is *tie-safe*: whether every near-tie the
tie rule has to settle is an exact tie that any way of computing the impurity reproduces bit
for bit (identical partitions, or impurity exactly 0). A check comparing a learner's tree with
the reference's must only use tie-safe data, or rounding alone could make a correct tree
differ. Nothing here is specific to one kata; the conventions (``X[:, f] <= t`` goes left,
ties to the lowest feature then the lowest threshold, leaves predict the most frequent label
with ties to the smallest) are the ones the decision-tree katas state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

NEAR_TIE = 1e-9  # candidates closer than this (relative) to the best are treated as tied


# --- impurities -----------------------------------------------------------------------------

def impurity_of_counts(counts: np.ndarray, criterion: str = "gini") -> np.ndarray:
    """Gini ``1 - sum p^2`` (or entropy in bits) of each row of class counts; 0 for an empty
    row."""
    counts = np.asarray(counts, dtype=float)
    totals = counts.sum(axis=-1, keepdims=True)
    p = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    if criterion == "gini":
        return np.where(totals[..., 0] > 0, 1.0 - np.sum(p ** 2, axis=-1), 0.0)
    if criterion == "entropy":
        logs = np.log2(p, out=np.zeros_like(p), where=p > 0)
        return -np.sum(p * logs, axis=-1)
    if criterion == "error":
        return np.where(totals[..., 0] > 0, 1.0 - p.max(axis=-1, initial=0.0), 0.0)
    raise ValueError(criterion)


def gini(y) -> float:
    """``1 - sum_k p_k^2`` of the labels ``y``."""
    return float(impurity_of_counts(np.unique(np.asarray(y), return_counts=True)[1]))


def entropy(y) -> float:
    """Shannon entropy (bits) of the labels ``y``: what a learner who mixed the criteria
    returns."""
    return float(impurity_of_counts(np.unique(np.asarray(y), return_counts=True)[1],
                                    "entropy"))


def partition_impurity(y, left, criterion: str = "gini", weighted: bool = True) -> float:
    """The weighted (by child size) impurity of the split sending ``left`` rows left; with
    ``weighted=False`` the plain average of the two children's impurities."""
    y, left = np.asarray(y), np.asarray(left, dtype=bool)
    _, codes = np.unique(y, return_inverse=True)
    counts = np.stack([np.bincount(codes[left], minlength=codes.max() + 1),
                       np.bincount(codes[~left], minlength=codes.max() + 1)])
    values = impurity_of_counts(counts, criterion)
    if not weighted:
        return float(values.mean())
    return float((left.sum() * values[0] + (~left).sum() * values[1]) / len(y))


# --- candidate splits -----------------------------------------------------------------------

@dataclass(frozen=True)
class Candidates:
    """Every valid split of one node, in the order of the tie rule (feature, then threshold)."""

    feature: np.ndarray
    """(k,) feature index of each candidate."""
    threshold: np.ndarray
    """(k,) the midpoint between the two consecutive distinct values it separates."""
    low: np.ndarray
    """(k,) the largest value that goes left (the threshold at the value itself)."""
    left: np.ndarray
    """(k, n) boolean: which rows go left."""
    impurity: np.ndarray
    """(k,) weighted impurity of each candidate under the criterion asked for."""
    left_counts: np.ndarray
    """(k, C) class counts of the left child (the right child's are the node's minus these)."""

    def __len__(self) -> int:
        return len(self.feature)


def candidates(X, y, criterion: str = "gini", weighted: bool = True) -> Candidates:
    """All splits ``X[:, f] <= t`` with t between two consecutive distinct values of column f
    (no child empty), by brute force: one mask per threshold."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n, d = X.shape
    _, codes = np.unique(y, return_inverse=True)
    onehot = np.eye(codes.max() + 1 if n else 1)[codes]
    features, thresholds, lows, masks = [], [], [], []
    for j in range(d):
        values = np.unique(X[:, j])
        lows.append(values[:-1])
        thresholds.append((values[:-1] + values[1:]) / 2)
        masks.append(X[None, :, j] <= values[:-1, None])
        features.append(np.full(len(values) - 1, j))
    left = np.concatenate(masks) if masks else np.zeros((0, n), bool)
    left_counts = left.astype(float) @ onehot
    right_counts = onehot.sum(axis=0) - left_counts
    children = np.stack([impurity_of_counts(left_counts, criterion),
                         impurity_of_counts(right_counts, criterion)], axis=1)
    if weighted:
        sizes = np.stack([left.sum(axis=1), n - left.sum(axis=1)], axis=1)
        impurity = np.sum(sizes * children, axis=1) / max(n, 1)
    else:
        impurity = children.mean(axis=1)
    return Candidates(np.concatenate(features).astype(int) if features else np.zeros(0, int),
                      np.concatenate(thresholds) if thresholds else np.zeros(0),
                      np.concatenate(lows) if lows else np.zeros(0), left, impurity,
                      left_counts)


def optimum(X, y) -> float | None:
    """The smallest weighted Gini of any valid split, or None when there is none."""
    found = candidates(X, y)
    return float(found.impurity.min()) if len(found) else None


def first_best(found: Candidates, last_feature_wins: bool = False) -> int | None:
    """Index of the candidate the tie rule picks: the first whose impurity is the minimum
    (with ``last_feature_wins``, the first of the highest tied feature)."""
    if not len(found):
        return None
    tied = np.flatnonzero(found.impurity <= found.impurity.min() + _slack(found))
    if last_feature_wins:
        tied = tied[found.feature[tied] == found.feature[tied].max()]
    return int(tied[0])


def _slack(found: Candidates) -> float:
    return NEAR_TIE * max(1.0, float(np.abs(found.impurity).max(initial=0.0)))


def tie_is_safe(found: Candidates) -> bool:
    """Whether every candidate within NEAR_TIE of the best is settled by the tie rule exactly,
    whatever formula a learner uses: its children have the very same class counts as the
    first best's (so any impurity computed from those integers is bit-identical), or both
    impurities are exactly 0. A mirrored tie (left and right counts swapped) is not safe:
    ``p * g_left + (1 - p) * g_right`` may round it differently."""
    chosen = first_best(found)
    if chosen is None:
        return True
    near = np.flatnonzero(found.impurity <= found.impurity[chosen] + _slack(found))
    if found.impurity[chosen] == 0 and np.all(found.impurity[near] == 0):
        return True
    return bool(np.all(found.left_counts[near] == found.left_counts[chosen]))


# --- a whole tree, grown the slow way -------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    """How a tree is grown; the defaults are the stated rules, the others classic mistakes."""

    criterion: str = "gini"
    weighted: bool = True
    depth_offset: int = 0
    """+1: the depth limit is off by one (a node at depth max_depth is split once more)."""
    stop_pure: bool = True
    at_value: bool = False
    """Thresholds at the largest value going left instead of the midpoint."""
    stop_without_gain: bool = False
    """A node whose best split does not lower the impurity is made a leaf."""
    last_feature_wins: bool = False
    """On a tie between features, the higher feature index wins (``<=`` across features)."""


@dataclass
class Node:
    rows: np.ndarray
    depth: int
    label: object = None
    feature: int = -1
    threshold: float = np.nan
    children: tuple = ()


@dataclass
class Tree:
    """A greedy tree grown by brute force; ``safe`` is False when a node had a near-tie the
    rule could not settle exactly (see :func:`tie_is_safe`)."""

    root: Node
    safe: bool = True
    """No near-tie between splits that rounding could settle differently, and no leaf whose
    most frequent labels tie (so a wrong label tie rule cannot show here by chance)."""
    nodes: list = field(default_factory=list)
    zero_gain: bool = False
    """Some node was split although its best split does not lower the impurity (XOR-like)."""
    split_sizes: set = field(default_factory=set)
    """The numbers of rows of the nodes that were split."""

    @property
    def leaves(self) -> list:
        return [node for node in self.nodes if not node.children]

    @property
    def n_leaves(self) -> int:
        return len(self.leaves)

    @property
    def depth(self) -> int:
        return max(node.depth for node in self.leaves)

    @property
    def thresholds(self) -> dict:
        """feature -> the thresholds the tree uses on it."""
        found: dict = {}
        for node in self.nodes:
            if node.children:
                found.setdefault(node.feature, []).append(node.threshold)
        return found

    def predict(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        out = np.empty(len(X), dtype=np.asarray(self.root.label).dtype)
        stack = [(self.root, np.arange(len(X)))]
        while stack:
            node, rows = stack.pop()
            if not node.children:
                out[rows] = node.label
                continue
            go_left = X[rows, node.feature] <= node.threshold
            stack += [(node.children[0], rows[go_left]), (node.children[1], rows[~go_left])]
        return out


def majority(y):
    """The most frequent label; on a tie, the smallest."""
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return labels[int(np.argmax(counts))]


def grow(X, y, max_depth=None, min_samples_split=2, variant: Variant = Variant(),
         stop_if_unsafe: bool = False) -> Tree:
    """The greedy tree the decision-tree katas describe (or a classic mistake's, by
    ``variant``): a node is a leaf when pure, at the depth limit, smaller than
    min_samples_split or without a valid split; otherwise it splits at the first best split.
    With ``stop_if_unsafe``, growing stops at the first unsafe node (the tree is then only
    good for its ``safe`` flag)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    limit = None if max_depth is None else max_depth + variant.depth_offset
    root = Node(np.arange(len(y)), 0)
    tree, stack = Tree(root), [root]
    while stack and (tree.safe or not stop_if_unsafe):
        node = stack.pop()
        tree.nodes.append(node)
        rows = node.rows
        node.label = majority(y[rows])
        counts = np.unique(y[rows], return_counts=True)[1]
        leaf_safe = np.sum(counts == counts.max()) == 1
        if (variant.stop_pure and len(counts) == 1) or \
                (limit is not None and node.depth >= limit) or len(rows) < min_samples_split:
            tree.safe = tree.safe and leaf_safe
            continue
        found = candidates(X[rows], y[rows], variant.criterion, variant.weighted)
        chosen = first_best(found, variant.last_feature_wins)
        if chosen is None:
            tree.safe = tree.safe and leaf_safe
            continue
        if variant.stop_without_gain and found.impurity[chosen] >= \
                impurity_of_counts(counts, variant.criterion) - 1e-12:
            continue
        tree.safe = tree.safe and tie_is_safe(found)
        tree.zero_gain = tree.zero_gain or found.impurity[chosen] >= \
            impurity_of_counts(counts, variant.criterion) - 1e-12
        tree.split_sizes.add(len(rows))
        node.feature = int(found.feature[chosen])
        node.threshold = float(found.low[chosen] if variant.at_value else
                               found.threshold[chosen])
        left = found.left[chosen]
        node.children = (Node(rows[left], node.depth + 1), Node(rows[~left], node.depth + 1))
        stack += list(node.children[::-1])
    return tree


def tie_safe_data(make: Callable, tries: int = 200, accept: Callable = lambda tree: True,
                  **grow_kwargs):
    """``make()`` (returning ``(X, y, ...)``) called until the tree grown on its ``X, y`` with
    ``grow_kwargs`` is tie-safe and ``accept(tree)`` holds (a check may ask for a node of a
    given size, or for no split without gain, so that a mistake shows at every seed or at
    none)."""
    for _ in range(tries):
        data = make()
        tree = grow(data[0], data[1], stop_if_unsafe=True, **grow_kwargs)
        if tree.safe and accept(tree):
            return data
    raise RuntimeError("no tie-safe data found: make the data less discrete")


def away_from(points: np.ndarray, thresholds: dict, margin: float) -> np.ndarray:
    """The rows of ``points`` that lie at least ``margin`` from every threshold on its
    feature (so a threshold rounded differently cannot move them)."""
    keep = np.ones(len(points), dtype=bool)
    for feature, values in thresholds.items():
        gaps = np.abs(points[:, feature][:, None] - np.asarray(values)[None, :])
        keep &= np.all(gaps >= margin, axis=1)
    return points[keep]


__all__ = ["Candidates", "NEAR_TIE", "Tree", "Variant", "away_from", "candidates", "entropy",
           "first_best", "gini", "grow", "impurity_of_counts", "majority", "optimum",
           "partition_impurity", "tie_is_safe", "tie_safe_data"]
