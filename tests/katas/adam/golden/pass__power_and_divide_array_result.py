"""Another correct style: corrections through np.power and np.divide with a step-size
variable, a state tuple carried through the loop, and minimize returning a 2-D array with one
iterate per row (accepted). Every check passes."""

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m1 = np.add(np.multiply(beta1, m), np.multiply(1 - beta1, grad))
    v1 = np.add(np.multiply(beta2, v), np.multiply(1 - beta2, np.power(grad, 2)))
    m_hat = np.divide(m1, 1 - np.power(beta1, t))
    v_hat = np.divide(v1, 1 - np.power(beta2, t))
    update = lr * np.divide(m_hat, np.sqrt(v_hat) + eps)
    return np.subtract(param, update), m1, v1


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    state = (np.array(x0, dtype=float), np.zeros(np.shape(x0)), np.zeros(np.shape(x0)))
    trace = np.empty((steps + 1, np.size(x0)))
    trace[0] = state[0]
    for k in range(steps):
        x = state[0]
        state = adam_step(x, grad_fn(x), state[1], state[2], k + 1,
                          lr=lr, beta1=beta1, beta2=beta2, eps=eps)
        trace[k + 1] = state[0]
    return trace


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
