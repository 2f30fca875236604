"""minimize keeps m, v and t in module-level variables (reset only when the shape changes),
so a second call on a problem of the same size continues the first one's moments and step
count. The fresh-state check must say so, and so must the trajectory check, which runs after
another call of that size."""
# expect-failing: fresh_state_per_call, trajectory

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad ** 2
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


_m = None
_v = None
_t = 0


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    global _m, _v, _t
    x = np.array(x0, dtype=float)
    if _m is None or _m.shape != x.shape:
        _m, _v, _t = np.zeros_like(x), np.zeros_like(x), 0
    iterates = [x]
    for _ in range(steps):
        _t += 1
        x, _m, _v = adam_step(x, grad_fn(x), _m, _v, _t, lr, beta1, beta2, eps)
        iterates.append(x)
    return iterates


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
