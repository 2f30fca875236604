"""Hidden checks for the decision_tree kata.

A split is graded by the partition it makes (which rows go left), never by its threshold
number, and its quality against the exhaustive optimum computed here by brute force
(``katakit.author.trees``). Whole trees are compared with the reference's only on tie-safe data:
data whose every near-tie is an exact tie that the stated rule settles whatever formula the
learner uses. The learner's code only ever runs in the sandboxed worker behind ``candidate``.
"""

from __future__ import annotations

import numbers

import numpy as np

from katakit.author import (LearnerObject, Workload, as_float, assert_constant_work, call,
                            check, close, data_note, fail, returned, same_values, standard,
                            stored)
from katakit.author import trees
from katakit.author.classifiers import as_count, as_labels

CLASS = "DecisionTreeClassifier"
FIX_GINI = "p = counts / len(y) with counts from np.unique(y, return_counts=True); 1 - np.sum(p ** 2)"


# --- data -----------------------------------------------------------------------------------

def labelled(rng, n, d, classes=3, noise=0.5, labels=None):
    """Continuous features (no two rows equal) and labels from a noisy linear score."""
    X = rng.normal(size=(n, d))
    score = X @ rng.normal(size=d)
    cuts = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
    y = np.digitize(score + noise * np.std(score) * rng.normal(size=n), cuts)
    return X, (y if labels is None else np.asarray(labels)[y])


def discrete(rng, n, d, classes=3, levels=5):
    """Features with few distinct values (many repeated), random labels."""
    return rng.integers(0, levels, size=(n, d)).astype(float), rng.integers(0, classes, size=n)


def tie_safe(rng, n, d, classes=3, noise=0.5, labels=None, **grow_kwargs):
    """Data whose greedy tree has only exact ties and splits every node with a gain (so that
    stopping without gain never shows here); without a depth limit, it also splits some node
    of exactly min_samples_split rows (so that an off-by-one min_samples_split always shows)."""
    smallest = grow_kwargs.get("min_samples_split", 2)
    limited = grow_kwargs.get("max_depth") is not None
    return trees.tie_safe_data(
        lambda: labelled(rng, n, d, classes, noise, labels),
        accept=lambda tree: not tree.zero_gain and (limited or smallest in tree.split_sizes),
        **grow_kwargs)


# --- reading a split ------------------------------------------------------------------------

def as_split(value, d: int, what: str):
    """(feature, threshold, weighted_gini) with an int feature in range, or None."""
    if value is None:
        return None
    if not isinstance(value, (tuple, list)) or len(value) != 3:
        fail(f"{what} should return the tuple (feature, threshold, weighted_gini), or None "
             f"when no split exists, but it returned {returned(value)}")
    feature, threshold, impurity = value
    integral = isinstance(feature, numbers.Integral) or (
        isinstance(feature, float) and feature.is_integer())
    if isinstance(feature, bool) or not integral or not 0 <= int(feature) < d:
        fail(f"{what} returned feature {returned(feature)}: it must be a column index, an int "
             f"from 0 to {d - 1}")
    threshold = as_float(threshold, f"the threshold returned by {what}")
    impurity = as_float(impurity, f"the weighted Gini returned by {what}")
    if not np.isfinite(threshold):
        fail(f"{what} returned threshold {threshold}: use the midpoint between two consecutive "
             "distinct values of the feature")
    return int(feature), threshold, impurity


def shown(split) -> str:
    """A returned split as the learner would print it: (0, 2.5, 0.25)."""
    if isinstance(split, (tuple, list)) and len(split) == 3 and all(
            isinstance(v, numbers.Real) for v in split):
        return "(" + ", ".join(f"{v:.6g}" for v in split) + ")"
    return returned(split)


def best_text(X, y) -> str:
    found = trees.candidates(X, y)
    i = trees.first_best(found)
    return (f"the best is feature {found.feature[i]} at threshold {found.threshold[i]:.6g}, "
            f"weighted Gini {found.impurity[i]:.6g}")


def value_mistake(g, X, y, feature, threshold, left) -> str:
    """What the returned weighted Gini ``g`` is instead, for the partition ``left``."""
    n = len(y)
    known = [(trees.partition_impurity(y, left, weighted=False),
              "the plain average of the two children's Gini: weight each by its share of "
              "the rows, (n_left * gini_left + n_right * gini_right) / n"),
             (trees.partition_impurity(y, left, "entropy"),
              "the weighted entropy: the impurity is the Gini, 1 - sum p_k^2"),
             (trees.partition_impurity(y, left) * n,
              "not divided by n: (n_left * gini_left + n_right * gini_right) / n"),
             (trees.gini(y) - trees.partition_impurity(y, left),
              "the Gini gain (parent minus children); return the children's weighted Gini")]
    strict = X[:, feature] < threshold
    if 0 < strict.sum() < n:
        known.append((trees.partition_impurity(y, strict),
                      "the weighted Gini of the rows X[:, f] < threshold; rows equal to the "
                      "threshold go left too (<=): return the midpoint between the two values"))
    for value, meaning in known:
        if close(g, value, rtol=1e-9):
            return meaning
    return ""


def partition_mistake(X, y, left, g, feature, threshold) -> str:
    """Which wrong criterion's best split ``left`` is, or why ``g`` cannot be right."""
    best = trees.optimum(X, y)
    strict = X[:, feature] < threshold
    if 0 < strict.sum() < len(y) and close(trees.partition_impurity(y, strict), best,
                                           rtol=1e-9) and close(g, best, rtol=1e-9):
        return ("you scored the rows X[:, f] < threshold, but rows equal to the threshold go "
                "left too (X[:, f] <= threshold): return the midpoint between the last value "
                "going left and the next one")
    for criterion, weighted, meaning in (
            ("entropy", True, "your split is the one with the lowest weighted entropy, not "
                              "the lowest weighted Gini"),
            ("gini", False, "your split is the best by the plain average of the children's "
                            "Gini: weight each child by its share of the rows"),
            ("error", True, "your split minimises the misclassification rate, not the "
                            "weighted Gini")):
        found = trees.candidates(X, y, criterion, weighted)
        tied = found.impurity <= found.impurity.min() + 1e-12
        if any(np.array_equal(found.left[i], left) for i in np.flatnonzero(tied)):
            return meaning
    meaning = value_mistake(g, X, y, feature, threshold, left)
    if meaning:
        return f"the value you return is {meaning}"
    if g < best - 1e-9 * max(1.0, best):
        return (f"the weighted Gini you return, {g:.6g}, is lower than any valid split allows: "
                "you scored a cut between two equal values of a feature. After sorting a "
                "column, cut only where values[i] < values[i + 1] (equal values always go to "
                "the same side)")
    return ""


def judge_split(value, X, y, what: str, note: str, check_value: bool = True) -> tuple:
    """Fail unless best_split's answer makes an optimal partition and (with ``check_value``)
    reports its weighted Gini; return (feature, threshold, impurity, left)."""
    split = as_split(value, X.shape[1], what)
    best = trees.optimum(X, y)
    if split is None:
        fail(f"{what} returned None, but valid splits exist ({best_text(X, y)}) {note}: return "
             "None only when no feature has two distinct values")
    feature, threshold, g = split
    left = X[:, feature] <= threshold
    strict = X[:, feature] < threshold
    if (left.all() or not left.any()) and 0 < strict.sum() < len(y):
        fail(f"{what} returned feature {feature}, threshold {threshold:.6g}, which sends every "
             f"row left: a child is empty. The rows X[:, f] < threshold would make a valid "
             f"split: rows equal to the threshold go left too (<=), so return the midpoint "
             f"between the last value going left and the next one {note}")
    if left.all() or not left.any():
        repeated = np.sum(X[:, feature] == threshold) > 1
        fail(f"{what} returned feature {feature}, threshold {threshold:.6g}, which sends every "
             f"row to the {'left' if left.all() else 'right'}: a child is empty"
             + (f" (the threshold is a value that occurs {np.sum(X[:, feature] == threshold)} "
                "times: the cut fell between two equal values)" if repeated else "")
             + f" {note}. Only thresholds between two consecutive distinct values count, e.g. "
             "the midpoint (values[i] + values[i + 1]) / 2 where values[i] < values[i + 1]")
    mine = trees.partition_impurity(y, left)
    if close(mine, best, rtol=1e-9) and (close(g, mine, rtol=1e-9) or not check_value):
        return feature, threshold, g, left
    if close(mine, best, rtol=1e-9):
        meaning = value_mistake(g, X, y, feature, threshold, left)
        fail(f"{what} picks a best partition (feature {feature}, threshold {threshold:.6g}), "
             f"but returns {g:.6g} as its weighted Gini instead of {mine:.6g}"
             f"{': ' + meaning if meaning else ''} {note}")
    meaning = partition_mistake(X, y, left, g, feature, threshold)
    fail(f"{what} returned feature {feature}, threshold {threshold:.6g}, whose partition has "
         f"weighted Gini {mine:.6g}; {best_text(X, y)}{': ' + meaning if meaning else ''} "
         f"{note}")


# --- shapes ---------------------------------------------------------------------------------

@check("shapes")
def test_output_shapes(candidate, rng, seed):
    """gini returns a float, best_split a (feature, threshold, weighted_gini) tuple (None for a
    single row), fit returns self, predict one label per row, get_depth and get_n_leaves whole
    numbers; one sample and one feature included."""
    for n, d in ((1, 1), (2, 1), (6, 3), (9, 2)):
        X, y = labelled(rng, n, d, classes=2)
        note = f"(seed {seed}; X {(n, d)})"
        as_float(candidate.call("gini", y), f"gini(y) {note}")
        split = candidate.call("best_split", X, y)
        if n == 1 and split is not None:
            fail(f"best_split(X, y) with a single row returned {shown(split)}: no split can "
                 "leave both children non-empty, so it must return None")
        if n > 1 and as_split(split, d, f"best_split(X, y) {note}") is None:
            fail(f"best_split(X, y) {note} returned None, but the rows have distinct values")
        model = candidate.new(CLASS)
        value = model.call("fit", X, y)
        if not (isinstance(value, LearnerObject) and value.is_self):
            fail(f"fit(X, y) {note} returned {returned(value)}; it should return self")
        X_new = rng.normal(size=(4, d))
        as_labels(model.call("predict", X_new), 4, f"predict(X) {note}", labels=y)
        as_count(model.call("get_depth"), f"get_depth() {note}")
        as_count(model.call("get_n_leaves"), f"get_n_leaves() {note}")


# --- correctness: gini and best_split -------------------------------------------------------

@check("correctness")
def test_gini_values(candidate, rng, seed):
    """gini(y) is 1 - sum_k p_k^2 over the classes present in y (any integer labels)."""
    cases = [np.array([0, 0, 1, 1, 1, 2]), np.array([3, 3, 3]), np.array([7]),
             np.array([2, 7, 7, 9, 9, 9]), rng.integers(0, 4, size=40)]
    for y in cases:
        value = as_float(candidate.call("gini", y), "gini(y)")
        expected = trees.gini(y)
        if close(value, expected, rtol=1e-12):
            continue
        _, counts = np.unique(y, return_counts=True)
        p = counts / len(y)
        known = {"the entropy in bits, -sum p log2 p: this kata asks for the Gini, "
                 "1 - sum p^2": trees.entropy(y),
                 "the entropy, -sum p log p: this kata asks for the Gini, 1 - sum p^2":
                     trees.entropy(y) * np.log(2),
                 "sum p^2 (the '1 -' is missing)": np.sum(p ** 2),
                 "the misclassification rate 1 - max p, not the Gini": 1 - p.max(),
                 "computed with counts instead of proportions: divide the counts by len(y)":
                     1 - np.sum(counts ** 2.0)}
        meaning = next((m for m, v in known.items() if close(value, v, rtol=1e-9)), "")
        fail(f"gini({y.tolist() if len(y) <= 8 else 'y'}) returned {value:.10g}, expected "
             f"{expected:.10g}{': ' + meaning if meaning else ''} (seed {seed}; y "
             f"{y.shape}). {FIX_GINI}.")


@check("correctness")
def test_best_split_optimal(candidate, rng, seed):
    """best_split's partition (rows with X[:, feature] <= threshold go left) has the smallest
    weighted Gini of all valid splits, found by brute force, and it returns that value."""
    runs = (np.array([[1.0], [1.0], [2.0], [2.0], [2.0], [2.0], [3.0], [3.0]]),  # a cut inside
            np.array([0, 0, 0, 1, 1, 1, 1, 1]))  # the run of 2s would be perfect, but is no split
    datasets = [labelled(rng, 30, 3, classes=2), labelled(rng, 40, 4, classes=3),
                discrete(rng, 30, 3), labelled(rng, 25, 1, classes=3), runs]
    for X, y in datasets:
        judge_split(candidate.call("best_split", X, y), X, y, "best_split(X, y)",
                    data_note(seed, X=X, y=y))


def tie_cases(rng):
    """(X, y, the feature and the rows that must go left, what the tie is between): exact
    ties only (identical partitions, or mirror images on 8 rows, whose shares are exact)."""
    x = rng.permutation(12).astype(float)
    y = (x >= 7).astype(int)
    y[x == 2] = 1
    same = "(they order the rows the same way, so both make the best partition)"
    yield np.column_stack([x, np.exp(x / 4)]), y, 0, x <= 6.5, f"features 0 and 1 {same}"
    yield np.column_stack([np.exp(x / 4), x]), y, 0, x <= 6.5, f"features 0 and 1 {same}"
    worse = rng.permutation(12).astype(float)
    while trees.optimum(worse[:, None], y) < trees.optimum(x[:, None], y) + 0.05:
        worse = rng.permutation(12).astype(float)  # feature 0 must be clearly worse
    yield (np.column_stack([worse, x, 3 * x + 1]), y, 1, x <= 6.5,
           f"features 1 and 2 {same}; feature 0 is worse")
    z = rng.permutation(8).astype(float) + 1
    pattern = np.array([0, 0, 1, 1, 1, 1, 0, 0])
    yield (z[:, None], pattern[np.argsort(np.argsort(z))], 0, z <= 2.5,
           "the thresholds 2.5 and 6.5 of feature 0 (mirror images: {2 zeros} | {2 zeros, "
           "4 ones} and {2 zeros, 4 ones} | {2 zeros})")


@check("correctness")
def test_best_split_tie_rule(candidate, rng, seed):
    """On an exact tie, best_split returns the lowest feature index, then the lowest
    threshold."""
    for X, y, expected_feature, expected, between in tie_cases(rng):
        note = data_note(seed, X=X, y=y)
        feature, threshold, _, left = judge_split(candidate.call("best_split", X, y), X, y,
                                                  "best_split(X, y)", note, check_value=False)
        if feature == expected_feature and np.array_equal(left, expected):
            continue
        fail(f"on an exact tie between {between}, best_split returned feature {feature} at "
             f"threshold {threshold:.6g}; the rule picks the lowest feature index, then the "
             "lowest threshold. Take the first minimum (np.argmin does) within a feature, and "
             "across features replace the best only when strictly better (<, not <=) "
             f"{note}")


@check("correctness")
def test_no_split_without_two_distinct_values(candidate, seed):
    """best_split never leaves a child empty: it returns None when no feature has two distinct
    values (identical rows, a single row), and never splits on a constant feature."""
    cases = [(np.tile([2.0, -1.0], (5, 1)), np.array([0, 1, 0, 1, 1]),
              "5 identical rows with different labels"),
             (np.tile([4.0], (3, 1)), np.array([2, 2, 2]), "3 identical rows, one label"),
             (np.array([[0.5, 1.0, -2.0]]), np.array([4]), "a single row")]
    for X, y, what in cases:
        split = candidate.call("best_split", X, y)
        if split is not None:
            fail(f"best_split on {what} returned {shown(split)}: every threshold leaves a "
                 "child empty, so it must return None (the tree then makes the node a leaf) "
                 f"{data_note(seed, X=X, y=y)}")
    X = np.column_stack([np.full(4, 3.0), [0.0, 0.0, 1.0, 1.0]])
    y = np.array([0, 1, 0, 1])
    judge_split(candidate.call("best_split", X, y), X, y,
                "best_split(X, y) with a constant feature 0 and feature 1 = [0, 0, 1, 1]",
                data_note(seed, X=X, y=y), check_value=False)


# --- correctness: the tree ------------------------------------------------------------------

def fitted(candidate, X, y, **kwargs):
    model = candidate.new(CLASS, **kwargs)
    model.call("fit", X, y)
    return model


def predictions(model, X, labels, what="predict(X)"):
    return as_labels(model.call("predict", X), len(X), what, labels=labels)


def shape_of(model):
    return (as_count(model.call("get_depth"), "get_depth()"),
            as_count(model.call("get_n_leaves"), "get_n_leaves()"))


def where_wrong(mine, expected) -> str:
    wrong = np.flatnonzero(mine != expected)
    return (f"{len(wrong)} of {len(expected)} predictions differ (first at row {wrong[0]}: "
            f"yours {mine[wrong[0]].item()!r}, expected {expected[wrong[0]].item()!r})")


@check("correctness")
def test_fits_training_data(candidate, rng, seed):
    """With no depth limit, the tree classifies its own training data perfectly when no two
    rows are equal, XOR-like data included (splits that do not lower the Gini are still
    made)."""
    grid = np.array([[i, j] for i in range(4) for j in range(4)], dtype=float)
    cases = [(rng.normal(size=(50, 3)), rng.integers(0, 3, size=50), "random labels"),
             (np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
              np.array([0, 1, 1, 0]), "XOR"),
             (grid, ((grid[:, 0] + grid[:, 1]) % 2).astype(int), "a 4 x 4 checkerboard")]
    for X, y, what in cases:
        model = fitted(candidate, X, y)
        mine = predictions(model, X, y)
        if np.array_equal(mine, y):
            continue
        note = data_note(seed, X=X, y=y)
        pair = shape_of(fitted(candidate, np.array([[0.0], [1.0]]), np.array([0, 1])))[1]
        if pair == 1:
            fail(f"with max_depth=None and min_samples_split=2 the tree must classify its own "
                 f"training data perfectly ({what}, no two rows equal), but "
                 f"{where_wrong(mine, y)} {note}. Your tree leaves nodes of exactly 2 rows "
                 "unsplit: fitted on the two rows [[0.0], [1.0]] with labels [0, 1] it is a "
                 "single leaf. A node with exactly min_samples_split rows must still be split: "
                 "only a node with fewer rows stops (len(y) < min_samples_split, not <=)")
        xor = shape_of(fitted(candidate, cases[1][0], cases[1][1]))[1]
        if xor == 1:
            fail(f"on {what} data the tree misclassifies its training data "
                 f"({where_wrong(mine, y)}) {note}. On XOR ([[0, 0], [0, 1], [1, 0], [1, 1]] "
                 "with labels [0, 1, 1, 0]) your tree is a single leaf: no first split lowers "
                 "the Gini there, yet the spec splits every impure node that has a valid split "
                 "(until max_depth or min_samples_split stop it); do not stop on zero gain")
        leaves = shape_of(model)[1]
        if leaves < len(np.unique(X, axis=0)):
            fail(f"with max_depth=None the tree must classify its own training data perfectly "
                 f"({what}, no two rows equal), but it stops with {leaves} "
                 f"lea{'ves' if leaves != 1 else 'f'} and {where_wrong(mine, y)} {note}. Split "
                 "every impure node that has a valid split (a pure node is a leaf), until "
                 "max_depth or min_samples_split stop it")
        fail(f"with max_depth=None the tree must classify its own training data perfectly "
             f"({what}, no two rows equal), but {where_wrong(mine, y)} {note}. Each node "
             "sends X[:, feature] <= threshold left, in fit and in predict alike")


@check("correctness")
def test_pure_nodes_stop(candidate, rng, seed):
    """A node whose labels are all equal becomes a leaf: a pure training set gives one leaf
    of depth 0, data one split separates gives 2 leaves, depth 1."""
    X = rng.normal(size=(10, 2))
    cases = [(X, np.full(10, 4), 0, 1, "all labels equal (4)")]
    X = rng.normal(size=(30, 2))
    cases.append((X, (X[:, 1] > 0.2).astype(int), 1, 2, "labels 1 exactly where x1 > 0.2"))
    for X, y, depth, leaves, what in cases:
        note = data_note(seed, X=X, y=y)
        model = fitted(candidate, X, y)
        mine = predictions(model, X, y)
        if not np.array_equal(mine, y):
            fail(f"on data with {what}, {where_wrong(mine, y)} {note}")
        got = shape_of(model)
        if got == (depth, leaves):
            continue
        if got[1] > leaves:
            fail(f"on data with {what}, your tree has {got[1]} leaves (depth {got[0]}) where "
                 f"{leaves} classify it perfectly: a pure node (all labels equal, Gini 0) must "
                 f"become a leaf instead of being split further {note}")
        fail(f"on data with {what}, the tree should have depth {depth} and {leaves} "
             f"leaves, but get_depth() and get_n_leaves() return {got[0]} and {got[1]}: the "
             "root is at depth 0 (a single leaf has depth 0) and get_n_leaves() counts the "
             f"leaves {note}")


@check("correctness")
def test_duplicate_rows_make_a_leaf(candidate, seed):
    """Equal rows with different labels end in one leaf (no endless splitting), which
    predicts their most frequent label, the smallest label on a tie."""
    X = np.array([[1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [0.0, 0.0], [0.0, 0.0], [2.0, 0.0]])
    y = np.array([2, 1, 1, 3, 0, 3])
    cases = [(X, y, np.array([1, 1, 1, 0, 0, 3]), 3),
             (np.tile([0.5, -1.0], (4, 1)), np.array([5, 2, 5, 2]), np.full(4, 2), 1)]
    for X, y, expected, leaves in cases:
        note = data_note(seed, X=X, y=y)
        model = fitted(candidate, X, y)
        mine = predictions(model, X, y)
        if not np.array_equal(mine, expected):
            tie = mine[-2 if leaves == 3 else 0] != expected[-2 if leaves == 3 else 0]
            fail(f"rows {X.tolist()} with labels {y.tolist()}: predict gives {mine.tolist()}, "
                 f"expected {expected.tolist()}: "
                 + ("equal counts must go to the smallest label (np.unique sorts the labels "
                    "and np.argmax takes the first maximum)" if tie else
                    "a leaf predicts the most frequent label of its rows") + f" {note}")
        got = shape_of(model)[1]
        if got != leaves:
            fail(f"rows {X.tolist()} with labels {y.tolist()} need {leaves} leaves (equal rows "
                 f"cannot be separated), but get_n_leaves() returns {got} {note}")


@check("correctness")
def test_stopping_parameters(candidate, rng, seed):
    """max_depth bounds the depth (the root is depth 0, a node at depth max_depth is a
    leaf, so max_depth=0 gives a single leaf predicting the majority) and a node with fewer
    than min_samples_split rows is a leaf."""
    X, y = labelled(rng, 80, 3, classes=3, noise=1.0)
    note = data_note(seed, X=X, y=y)
    n = len(y)
    single = shape_of(fitted(candidate, X, y, min_samples_split=n + 1))
    if single == (1, 1):
        fail(f"a tree that is a single leaf (min_samples_split={n + 1} > {n} rows) reports "
             "get_depth() = 1: the root is at depth 0, so get_depth() is the number of splits "
             f"on the longest path, not the number of levels {note}")
    root = fitted(candidate, X, y, max_depth=0)
    got = shape_of(root)
    if got != (0, 1):
        unlimited = shape_of(fitted(candidate, X, y)) if got[0] > 1 else None
        why = ("one level too many: a node at depth max_depth must be a leaf (check depth >= "
               "max_depth before splitting)" if got[0] == 1 else
               "it is your tree without any limit (max_depth=None): `if self.max_depth` (or "
               "`self.max_depth and ...`) is False for 0, so test `self.max_depth is not None "
               "and depth >= self.max_depth`" if got == unlimited else
               "the root (depth 0) must be a leaf when max_depth=0")
        fail(f"with max_depth=0 the tree must be a single leaf (depth 0, 1 leaf), but it has "
             f"depth {got[0]} and {got[1]} leaves: {why} {note}")
    labels, counts = np.unique(y, return_counts=True)
    if np.sum(counts == counts.max()) == 1:
        mine = predictions(root, X, y, "predict(X) with max_depth=0")
        majority = labels[np.argmax(counts)]
        if not np.all(mine == majority):
            fail(f"with max_depth=0 the single leaf must predict the most frequent label, "
                 f"{majority.item()!r}, for every row, but predict(X) gives "
                 f"{where_wrong(mine, np.full(n, majority))} {note}")
    for k in (1, 2, 3):
        got = shape_of(fitted(candidate, X, y, max_depth=k))[0]
        if got == trees.grow(X, y, max_depth=k).depth:
            continue
        fail(f"with max_depth={k} your tree has depth {got} on data whose full tree is "
             f"deeper: " + ("one level too many: a node at depth max_depth must be a leaf "
                            "(check depth >= max_depth before splitting)" if got == k + 1 else
                            "every impure node above max_depth must be split") + f" {note}")
    for mss, depth, leaves in ((n + 1, 0, 1), (n, 1, 2)):
        got = shape_of(fitted(candidate, X, y, min_samples_split=mss))
        if got != (depth, leaves):
            fail(f"with min_samples_split={mss} and {n} rows, the tree should have depth "
                 f"{depth} and {leaves} leaves, but has depth {got[0]} and {got[1]} leaves: "
                 f"a node with fewer than min_samples_split rows is a leaf; one with exactly "
                 f"min_samples_split rows may still be split {note}")


@check("correctness")
def test_points_on_a_threshold_go_left(candidate, rng, seed):
    """predict sends a point lying exactly on a split's threshold left (X[:, f] <= threshold),
    as fit does: probed at the threshold best_split returns for the root of a one-split
    tree."""
    X = rng.normal(size=(40, 2))
    y = np.where(X[:, 0] > 0.3, 7, 2)  # one split on feature 0 separates the labels
    note = data_note(seed, X=X, y=y)
    split = as_split(candidate.call("best_split", X, y), 2, f"best_split(X, y) {note}")
    if split is None:
        fail(f"best_split(X, y) returned None, but valid splits exist ({best_text(X, y)}) "
             f"{note}")
    feature, threshold, _ = split
    model = fitted(candidate, X, y)
    points = rng.normal(size=(20, 2))
    probes = {}
    for name, value in (("on", threshold), ("below", np.nextafter(threshold, -np.inf)),
                        ("above", np.nextafter(threshold, np.inf))):
        probes[name] = points.copy()
        probes[name][:, feature] = value
        probes[name] = predictions(model, probes[name], y, f"predict(X) {note}")
    on, below, above = probes["on"], probes["below"], probes["above"]
    if np.array_equal(on, below):
        return
    wrong = int(np.flatnonzero(on != below)[0])
    what = (f"the 20 points with X[:, {feature}] exactly equal to {threshold!r}, the threshold "
            f"best_split returns for the root, against the same points just below it "
            f"(np.nextafter), get {np.sum(on != below)} different predictions (first at point "
            f"{wrong}: {on[wrong].item()!r} on the threshold, {below[wrong].item()!r} just "
            "below)")
    if np.array_equal(on, above):
        fail(f"{what}: predict sends a point lying exactly on a threshold right. A row goes "
             f"left when X[:, feature] <= threshold, in predict as in fit and best_split: use "
             f"<=, not < {note}")
    fail(f"{what}: a point on the threshold must go left (X[:, feature] <= threshold) and "
         f"then follow the same path as the point just below it {note}")


VARIANTS = [
    (trees.Variant(criterion="entropy"), "splits chosen by entropy instead of the Gini"),
    (trees.Variant(weighted=False),
     "children's Gini averaged without weighting by their sizes"),
    (trees.Variant(depth_offset=1), "a depth limit one level too deep"),
    (trees.Variant(at_value=True),
     "thresholds at the last value going left instead of the midpoint"),
    (trees.Variant(stop_without_gain=True), "nodes made leaves when no split lowers the Gini"),
    (trees.Variant(last_feature_wins=True),
     "ties between features going to the higher feature index (<= instead of < across "
     "features)"),
]


def tree_mistake(X, y, X_test, kwargs, mine_train, mine_test) -> str:
    """The classic mistake whose tree predicts what the learner's does, or ''."""
    one_more = {**kwargs, "min_samples_split": kwargs.get("min_samples_split", 2) + 1}
    grown = [(trees.grow(X, y, variant=variant, **kwargs), meaning)
             for variant, meaning in VARIANTS
             if not (variant.depth_offset and kwargs.get("max_depth") is None)]
    grown.append((trees.grow(X, y, **one_more),
                  "nodes of exactly min_samples_split rows made leaves (len(y) <= "
                  "min_samples_split instead of <)"))
    for tree, meaning in grown:
        if np.array_equal(tree.predict(X), mine_train) and \
                np.array_equal(tree.predict(X_test), mine_test):
            return meaning
    return ""


def tree_difference(candidate, X, y, X_test, kwargs, mine, expected, note) -> str:
    """Why a learner's tree predicts otherwise than the reference's, root cause first."""
    (mine_train, mine_test), (train, test) = mine, expected
    meaning = tree_mistake(X, y, X_test, kwargs, mine_train, mine_test)
    where = (f"on the training rows ({where_wrong(mine_train, train)})"
             if not np.array_equal(mine_train, train) else
             f"on new points ({where_wrong(mine_test, test)})")
    split = as_split(candidate.call("best_split", X, y), X.shape[1], "best_split(X, y)")
    if split is None or not close(trees.partition_impurity(y, X[:, split[0]] <= split[1]),
                                  trees.optimum(X, y), rtol=1e-9):
        return (f"the tree's predictions differ from the reference's {where}, and best_split "
                "does not find the best root split of this data: fix best_split first (see "
                "best_split_optimal), the tree is built from it"
                f"{'. The tree behaves like one with ' + meaning if meaning else ''} {note}")
    if meaning:
        return f"the tree differs from the reference {where}: it has {meaning} {note}"
    if np.array_equal(mine_train, train):
        return (f"the tree differs from the reference only {where}; the training rows are "
                "right, so the thresholds are off: use the midpoint (values[i] + values[i + 1])"
                f" / 2 and send X[:, feature] <= threshold left, in predict too {note}")
    return (f"the tree differs from the reference {where}: check the stopping rules (pure, "
            "max_depth, min_samples_split, no valid split) and the majority label of the "
            f"leaves {note}")


@check("correctness")
def test_matches_reference_tree(candidate, reference, rng, seed):
    """On data where the tie rule settles every choice, the tree has the reference's depth,
    number of leaves and predictions on new points (unlimited depth, and max_depth=3)."""
    for kwargs in ({}, {"max_depth": 3}):
        X, y = tie_safe(rng, 60, 3, labels=[3, 5, 8], **kwargs)
        expected_tree = trees.grow(X, y, **kwargs)
        X_test = trees.away_from(rng.normal(size=(300, 3)) * 1.2, expected_tree.thresholds,
                                 1e-6)
        setting = ", ".join(f"{k}={v}" for k, v in kwargs.items()) or "no limits"
        note = f"({setting}; {data_note(seed, X=X, y=y)[1:-1]}, {len(X_test)} test points)"
        model = fitted(candidate, X, y, **kwargs)
        mine_train, mine_test = predictions(model, X, y), predictions(model, X_test, y)
        ref = reference.DecisionTreeClassifier(**kwargs).fit(X, y)
        train, test = ref.predict(X), ref.predict(X_test)
        if not (np.array_equal(mine_train, train) and np.array_equal(mine_test, test)):
            fail(tree_difference(candidate, X, y, X_test, kwargs, (mine_train, mine_test),
                                 (train, test), note))
        got, expected = shape_of(model), (ref.get_depth(), ref.get_n_leaves())
        if got != expected:
            more = trees.grow(X, y, variant=trees.Variant(stop_pure=False), **kwargs)
            why = ("pure nodes are split further (a node whose labels are all equal must be "
                   "a leaf)" if got[1] == more.n_leaves and got[1] > expected[1] else
                   "get_depth() is the depth of the deepest leaf (root = 0) and "
                   "get_n_leaves() the number of leaves")
            fail(f"the tree predicts like the reference but has depth {got[0]} and {got[1]} "
                 f"leaves instead of {expected[0]} and {expected[1]}: {why} {note}")


# --- vectorization --------------------------------------------------------------------------

def same_impurity(mine, expected) -> bool:
    """best_split results agree when their weighted Gini does (ties may pick either split);
    other results as usual."""
    if expected is None or mine is None:
        return mine is expected
    if not isinstance(expected, tuple):
        return same_values(mine, expected)
    try:
        return len(mine) == 3 and close(float(mine[2]), expected[2], rtol=1e-9)
    except (TypeError, ValueError):
        return False


SPLIT_ADVICE = ("best_split must not rescan the rows for each candidate threshold: per "
                "feature, sort once (np.argsort), take cumulative class counts of the sorted "
                "labels (np.cumsum of a one-hot matrix) to get every left child's counts at "
                "once, the right child's as totals minus left, and score all thresholds with "
                "whole-array operations. Only the loop over features may stay.")


def split_work(rng, n, d):
    X, y = labelled(rng, n, d, classes=3)
    return Workload((call("best_split", X, y), call("gini", y)), label=f"X {(n, d)}",
                    same=same_impurity)


test_no_rescan_in_best_split = standard.no_loop(
    split_work, "samples", {"n": (40, 320), "d": 4}, SPLIT_ADVICE,
    allowed="the loop over the (fixed) features",
    doc="best_split does no Python-level work per row or per candidate threshold (no rescan "
        "of the rows per threshold); the loop over features may stay.")

TREE_ADVICE = ("Grow the tree with whole-array operations per node (a boolean mask "
               "X[:, feature] <= threshold splits a node's rows) and predict the same way: "
               "route all rows through a node at once, e.g. recursively with index arrays, "
               "instead of walking the tree once per sample. Loops and recursion over tree "
               "nodes and over features may stay. (If the line named is in best_split or "
               "gini, the split search itself rescans the rows: see no_rescan_in_best_split.)")


def tree_work(rng, n):
    X = rng.uniform(size=(n, 3))
    y = (X[:, 0] > 0.5).astype(int)
    return Workload((call("fit", X, y), call("predict", rng.uniform(size=(n, 3))),
                     call("get_n_leaves")), CLASS, label=f"X {(n, 3)}")


@check("vectorization")
def test_no_loop_over_samples_in_tree(candidate, rng, reference, seed):
    """fit and predict do no Python-level work per sample on data a 3-node tree fits (one
    split on feature 0); the loops over tree nodes and features may stay."""
    for n in (40, 320):
        X = rng.uniform(size=(n, 3))
        y = (X[:, 0] > 0.5).astype(int)
        leaves = as_count(fitted(candidate, X, y).call("get_n_leaves"), "get_n_leaves()")
        if leaves != 2:
            fail(f"on {n} rows where y = (X[:, 0] > 0.5) one split separates the classes, "
                 f"but your tree has {leaves} leaves, so its work grows with the data: a "
                 f"pure node must become a leaf {data_note(seed, X=X, y=y)}")
    assert_constant_work(candidate, tree_work(rng, 40).after(tree_work(rng, 40)),
                         tree_work(rng, 320).after(tree_work(rng, 320)), "samples",
                         TREE_ADVICE, reference)


# --- robustness and performance -------------------------------------------------------------

def untouched_probes(rng):
    X, y = labelled(rng, 30, 3)
    return [Workload((call("gini", y),)), Workload((call("best_split", X, y),)),
            Workload((call("fit", X, y),), CLASS),
            Workload((call("fit", X, y), call("predict", rng.normal(size=(10, 3)))), CLASS)]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes, doc="gini, best_split, fit and predict leave their input arrays "
                          "unchanged.")

SPEED_ADVICE = ("If a vectorization check names a loop, that loop is the cause; otherwise look "
                "for an (n, n) comparison matrix per feature (X[:, j][:, None] <= X[:, j]) or "
                "copies of X made per threshold: sort each feature once and use cumulative "
                "counts.")


def big_data(rng):
    X, y = labelled(rng, 4000, 8, classes=3)
    return {"X": X, "y": y}


test_speed_at_scale = standard.speed(
    big_data,
    [(Workload((call("best_split", stored("X"), stored("y")),), same=same_impurity),
      "best_split on X (4000, 8)"),
     (Workload((call("fit", stored("X"), stored("y")),), CLASS, init_kwargs={"max_depth": 2}),
      "fit with max_depth=2 on X (4000, 8)")],
    SPEED_ADVICE,
    doc="best_split and fit on 4,000 x 8 data run in time and memory comparable to the "
        "reference.")
