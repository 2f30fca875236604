"""adam_step walks the coordinates one by one in a Python loop (over the flattened arrays):
right values, but the work grows with the number of coordinates. The vectorization check must
name the loop line. (At the speed check's size the loop is about 20 times slower than the
reference, whose time is mostly the transfer of its three result arrays: within the speed
margin, so only the vectorization check fails.)"""
# expect-failing: no_loop_over_coordinates

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    new_p, new_m, new_v = np.empty_like(param), np.empty_like(m), np.empty_like(v)
    c1, c2 = 1 - beta1 ** t, 1 - beta2 ** t
    flat_p, flat_m, flat_v = new_p.reshape(-1), new_m.reshape(-1), new_v.reshape(-1)
    p0, g0, m0, v0 = param.reshape(-1), grad.reshape(-1), m.reshape(-1), v.reshape(-1)
    for i in range(p0.size):
        mi = beta1 * m0[i] + (1 - beta1) * g0[i]
        vi = beta2 * v0[i] + (1 - beta2) * g0[i] ** 2
        flat_m[i], flat_v[i] = mi, vi
        flat_p[i] = p0[i] - lr * (mi / c1) / (np.sqrt(vi / c2) + eps)
    return new_p, new_m, new_v


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(x0, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    iterates = [x]
    for t in range(1, steps + 1):
        x, m, v = adam_step(x, grad_fn(x), m, v, t, lr, beta1, beta2, eps)
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
