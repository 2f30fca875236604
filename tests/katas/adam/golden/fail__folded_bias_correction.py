"""The paper's "efficient" form: both bias corrections folded into the step size,
lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t), then param - lr_t * m / (sqrt(v) + eps). It
equals the graded formula with eps replaced by eps * sqrt(1 - beta2**t), so at t = 1 the step
divides by |grad| + eps / sqrt(1 - beta2) (3.16e-07) instead of |grad| + eps: the first step is
off by a relative 3e-7 on a gradient of size 1. first_step_is_lr must name the folded form and
show the ratio with the digits that make it differ from 1 (not the beta-instead-of-beta**t
mistake, which gives the right first step); step_values and trajectory name it too."""
# expect-failing: first_step_is_lr, step_values, trajectory
# never-says: uses beta instead of beta**t
# never-says: [1. 1.]

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * np.square(grad)
    step_size = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
    return param - step_size * m / (np.sqrt(v) + eps), m, v


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(x0, dtype=float)
    m, v = np.zeros_like(x), np.zeros_like(x)
    history = [x.copy()]
    for t in range(1, steps + 1):
        x, m, v = adam_step(x, grad_fn(x), m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        history.append(x.copy())
    return history


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
