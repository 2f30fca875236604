"""Correct, defensively written solution: np.asarray/np.ravel conversions, shape checks, an
extra `verbose=False` keyword, type hints and np.float64 scalars. The grader must pass every check."""

from __future__ import annotations

import numpy as np


class LinearRegression:
    def __init__(self, n_features: int) -> None:
        self.w: np.ndarray = np.zeros(n_features, dtype=np.float64)
        self.b: float = 0.0

    @staticmethod
    def _check_X(X) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n, d), got shape {X.shape}")
        return X

    def predict(self, X) -> np.ndarray:
        X = self._check_X(X)
        return X @ self.w + self.b

    def compute_loss(self, y_hat, y) -> float:
        y_hat, y = np.ravel(np.asarray(y_hat, dtype=float)), np.ravel(np.asarray(y, dtype=float))
        assert y_hat.shape == y.shape, (y_hat.shape, y.shape)
        return float(np.mean((y_hat - y) ** 2))

    def compute_gradients(self, X, y, y_hat) -> tuple[np.ndarray, float]:
        X = self._check_X(X)
        y = np.ravel(y).astype(float)
        y_hat = np.ravel(y_hat).astype(float)
        n = np.float64(X.shape[0])
        err = y_hat - y
        dw = np.float64(2.0) / n * (X.T @ err)
        db = np.float64(2.0) / n * err.sum()
        return dw.reshape(-1), float(db)

    def fit(self, X, y, lr: float = 0.01, epochs: int = 1000,
            verbose: bool = False) -> list[float]:
        X = self._check_X(X)
        y = np.ravel(y)
        if y.shape[0] != X.shape[0]:
            raise ValueError("X and y have different numbers of samples")
        history: list[float] = []
        for epoch in range(int(epochs)):
            y_hat = self.predict(X)
            history.append(self.compute_loss(y_hat, y))
            dw, db = self.compute_gradients(X, y, y_hat)
            self.w = self.w - np.float64(lr) * dw
            self.b = float(self.b - np.float64(lr) * db)
            if verbose and epoch % 100 == 0:
                print(epoch, history[-1])
        assert isinstance(history, list)
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
