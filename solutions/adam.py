"""Reference solution: the Adam optimizer, one step and a minimization loop."""

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(x0, dtype=float)
    m, v = np.zeros_like(x), np.zeros_like(x)
    iterates = [x]
    for t in range(1, steps + 1):
        x, m, v = adam_step(x, grad_fn(x), m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        iterates.append(x)
    return iterates


def minimize_quadratic(A, b, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """Given in the stub: your minimize on f(x) = 0.5 x^T A x - b^T x."""
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
