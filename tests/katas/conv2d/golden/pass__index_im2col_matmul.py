"""Correct: classic im2col with integer index arrays (which row and column of the padded image
each entry of each window comes from), one (N, C*kh*kw, H_out*W_out) gather and one matrix
product with the kernels flattened to (C_out, C*kh*kw). No loop at all."""

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, width = x.shape
    c_out, _, kh, kw = w.shape
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (width + 2 * padding - kw) // stride + 1
    xp = np.pad(x, [(0, 0), (0, 0), (padding, padding), (padding, padding)])

    # rows/cols of shape (c*kh*kw, h_out*w_out): entry (k, p) = pixel k of window p
    i0 = np.tile(np.repeat(np.arange(kh), kw), c)
    j0 = np.tile(np.arange(kw), kh * c)
    i1 = stride * np.repeat(np.arange(h_out), w_out)
    j1 = stride * np.tile(np.arange(w_out), h_out)
    rows = i0[:, None] + i1[None, :]
    cols = j0[:, None] + j1[None, :]
    chans = np.repeat(np.arange(c), kh * kw)[:, None]

    patches = xp[:, chans, rows, cols]                # (n, c*kh*kw, h_out*w_out)
    out = w.reshape(c_out, -1) @ patches              # (n, c_out, h_out*w_out)
    out = out.reshape(n, c_out, h_out, w_out)
    if b is not None:
        out += b[:, None, None]
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
