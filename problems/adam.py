"""The Adam optimizer — your implementation.

Read the statement first:   python grader.py show adam
Grade this file:            python grader.py check adam --file <this file>

Rules: NumPy only; no loop over coordinates (the loop over steps in minimize is the only one);
return new arrays instead of changing the ones you are given.
"""

import numpy as np


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update at step t (t = 1 for the first step).

    param, grad, m, v are arrays of the same shape; m and v are the moving averages left by
    the previous step (zeros before the first). Return the tuple (new_param, new_m, new_v),
    new arrays, with new_m and new_v the raw (not bias-corrected) moments.
    """
    # TODO
    raise NotImplementedError("TODO: adam_step")


def minimize(grad_fn, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """Run `steps` Adam steps from x0, with grad_fn(x) giving the gradient at x.

    Return the list of iterates [x0, x1, ..., x_steps] (steps + 1 arrays, the first a copy
    of x0). m and v start at zero in every call.
    """
    # TODO
    raise NotImplementedError("TODO: minimize")


def minimize_quadratic(A, b, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """GIVEN, do not change: your minimize on f(x) = 0.5 * x @ A @ x - b @ x, whose gradient
    is A @ x - b. The grader calls this function, because it cannot send a Python function
    (grad_fn) to your code; try it yourself on small problems."""
    def grad_fn(x):
        return A @ x - b
    return minimize(grad_fn, x0, steps, lr=lr, beta1=beta1, beta2=beta2, eps=eps)


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz adam` to read the questions, or see them in
# the grader's output.
QUIZ_ANSWERS = {
    "first_step_size": None,
    "uncorrected_first_step": None,
    "loss_scale": None,
    "beta2_memory": None,
    "eps_placement": None,
    "adamw": None,
}
