"""Mean squared error and its gradients — your implementation.

Read the statement first:   python grader.py show mse_gradients
Check your gradients:       python workspace/mse_gradients.py   (compares with finite differences)
Grade this file:            python grader.py check mse_gradients --file <this file>

Rules: NumPy only; no Python loops over samples or features; do not modify the inputs.
"""

import numpy as np


def mse(y_hat, y):
    """Mean squared error mean((y_hat - y) ** 2) of two (n,) vectors, returned as a float."""
    # TODO
    raise NotImplementedError("TODO: mse")


def mse_gradients(X, y, w, b):
    """Gradients of L(w, b) = mean((X @ w + b - y) ** 2).

    X has shape (n, d), y shape (n,), w shape (d,), b is a float.
    Return (dw, db): with e = X @ w + b - y, dw = (2/n) * X.T @ e, shape (d,), and
    db = (2/n) * np.sum(e), a float.
    """
    # TODO
    raise NotImplementedError("TODO: mse_gradients")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz mse_gradients` to read the questions,
# or see them in the grader's output.
QUIZ_ANSWERS = {
    "hand_gradient": None,
    "fd_loss_evaluations": None,
    "central_vs_forward": None,
    "eps_too_small": None,
    "zero_gradient_meaning": None,
}


# --- a tool for you (already written, not graded) ------------------------------------------

def finite_difference_gradients(X, y, w, b, eps=1e-6):
    """Central finite differences of mean((X @ w + b - y) ** 2): (dw, db) estimated numerically.

    Nudges each parameter by +eps and -eps and takes (L(+) - L(-)) / (2 * eps): two loss
    evaluations per parameter, so use it to test a gradient, never to train.
    """
    def loss(w_, b_):
        return float(np.mean((X @ w_ + b_ - y) ** 2))

    w = np.asarray(w, dtype=float)
    dw = np.zeros_like(w)
    for j in range(w.size):
        step = np.zeros_like(w)
        step[j] = eps
        dw[j] = (loss(w + step, b) - loss(w - step, b)) / (2 * eps)
    db = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    return dw, db


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n, d = 50, 4
    X = rng.normal(size=(n, d)) * [1.0, 10.0, 0.1, 3.0]
    y = rng.normal(size=n)
    w, b = rng.normal(size=d), 1.5
    fd_dw, fd_db = finite_difference_gradients(X, y, w, b)
    try:
        dw, db = mse_gradients(X, y, w, b)
    except NotImplementedError:
        raise SystemExit("mse_gradients is not written yet: fill in the TODO, then run again.")
    if np.shape(dw) != (d,) or np.ndim(db) != 0:
        raise SystemExit(f"dw should have shape ({d},) and db be a float; yours: dw "
                         f"{np.shape(dw)}, db {np.shape(db)}")
    yours, numeric = np.append(dw, db), np.append(fd_dw, fd_db)
    print("yours:              ", np.round(yours, 6))
    print("finite differences: ", np.round(numeric, 6))
    gap = np.max(np.abs(yours - numeric))
    relative = gap / max(np.max(np.abs(yours) + np.abs(numeric)), 1e-12)  # as the grader does
    print(f"max difference {gap:.3g}, relative error {relative:.3g}",
          "-> OK" if relative < 1e-6 else "-> MISMATCH (should be below 1e-6)")
