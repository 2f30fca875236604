"""Correct, and prints every array it touches: the moments and the corrected moments in each
step, and the iterate after every step of minimize. Printing never changes a verdict, so every
check passes."""

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m_new = beta1 * m + (1 - beta1) * grad
    v_new = beta2 * v + (1 - beta2) * grad * grad
    m_hat = m_new / (1 - beta1 ** t)
    v_hat = v_new / (1 - beta2 ** t)
    print(f"t={t} m={m_new} v={v_new}")
    print("m_hat", m_hat, "v_hat", v_hat)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(x0, dtype=float)
    m, v = np.zeros_like(x), np.zeros_like(x)
    out = [x]
    print("start at", x)
    for t in range(1, steps + 1):
        g = grad_fn(x)
        x, m, v = adam_step(x, g, m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        out.append(x)
        print(f"step {t}: x = {x}, |g| = {np.linalg.norm(g):.3e}")
    return out


def minimize_quadratic(A, b, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """GIVEN, do not change: your minimize on f(x) = 0.5 * x @ A @ x - b @ x, whose gradient
    is A @ x - b. The grader calls this function, because it cannot send a Python function
    (grad_fn) to your code; try it yourself on small problems."""
    def grad_fn(x):
        return A @ x - b
    return minimize(grad_fn, x0, steps, lr=lr, beta1=beta1, beta2=beta2, eps=eps)


QUIZ_ANSWERS = {
    "first_step_size": 0.001,
    "uncorrected_first_step": 0.0031623,
    "loss_scale": "b",
    "beta2_memory": 1000,
    "eps_placement": "d",
    "adamw": "a",
}
