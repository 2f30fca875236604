"""2-D convolution (cross-correlation, as deep-learning libraries define it) with stride and
zero padding — your implementation.

Read the statement first:   python grader.py show conv2d
Grade this file:            python grader.py check conv2d --file <this file>

Rules: NumPy only; no Python loop over images, channels or output positions (a loop over the
kh x kw kernel taps is allowed); memory comparable to an im2col copy at most; do not modify x,
w or b.
"""

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    """x (N, C_in, H, W), w (C_out, C_in, kh, kw), b None or (C_out,) -> (N, C_out, H_out, W_out).

    Pad x with `padding` zeros on each side of both spatial axes (x_pad), then
    out[n, o, i, j] = b[o] + sum over c, u, v of
                      x_pad[n, c, i * stride + u, j * stride + v] * w[o, c, u, v]
    (no kernel flip), with H_out = (H + 2 * padding - kh) // stride + 1 and likewise W_out.
    """
    # TODO
    raise NotImplementedError("TODO: conv2d")


# Quiz: answer each question with the letter of your choice ("a", "b", ...) or, for numeric
# questions, a number. Run `python grader.py quiz conv2d` to read the questions, or see them
# in the grader's output.
QUIZ_ANSWERS = {
    "strided_output_height": None,
    "parameter_count": None,
    "multiply_adds": None,
    "why_no_flip": None,
    "im2col_factor": None,
    "receptive_field": None,
}
