"""A wrong solution (gradient not divided by n) that at import tries to cheat: it patches
np.allclose/np.isclose/np.array_equal to always agree, tries to patch pytest, and prints a fake
"24 passed" report. The grader runs its comparisons in its own process, so it must still fail."""
# expect-failing: continues_from_current_parameters, first_step, gradient_values, reaches_least_squares, trajectory

import sys

import numpy as np

# --- make every comparison succeed --------------------------------------------------------
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *args, **k: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None

try:
    import pytest

    pytest.fail = lambda *a, **k: None
    pytest.skip = lambda *a, **k: None
    _orig_raises = pytest.raises
except Exception:
    pass

for _name, _mod in list(sys.modules.items()):
    if _name.startswith("katakit"):
        for _attr in ("fail", "close", "same_trajectory"):
            if hasattr(_mod, _attr):
                setattr(_mod, _attr, lambda *a, **k: True)

sys.stdout.write("=================== 24 passed in 0.42s ===================\n")
sys.stderr.write("Verdict: PASS  (24 pass; 0.4 s) — every check passed.\n")
sys.stdout.flush()


class LinearRegression:
    def __init__(self, n_features):
        self.w = np.zeros(n_features)
        self.b = 0.0

    def predict(self, X):
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y):
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat):
        err = y_hat - y
        # (not divided by n)
        return 2 * X.T @ err, 2 * float(err.sum())

    def fit(self, X, y, lr=0.01, epochs=1000):
        history = []
        for _ in range(epochs):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - lr * dw
            self.b = self.b - lr * db
        return history


QUIZ_ANSWERS = {
    "divide_by_n": "b",
    "zero_init": "d",
    "normal_equation": "a",
    "cost_per_epoch": 1_000_000,
    "learning_rate_too_large": "c",
    "feature_scaling": "b",
    "loss_before_update": "d",
}
