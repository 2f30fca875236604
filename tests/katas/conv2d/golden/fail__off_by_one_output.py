"""Computes H_out = (H + 2p - kh) // stride without the + 1, so the last row and column of
windows are dropped. The shape check names the missing + 1; every value check fails on the
shape too (vectorization, speed and memory are then not measured)."""
# expect-failing: output_size, values_stride_one, strides_and_paddings, delta_kernel_picks_pixels, bias_per_output_channel

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    h_out = (h + 2 * padding - kh) // stride
    w_out = (wd + 2 * padding - kw) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, f, h_out, w_out))
    for u in range(kh):
        for v in range(kw):
            sl = xp[:, :, u:u + stride * h_out:stride, v:v + stride * w_out:stride]
            out += np.einsum("nchw,fc->nfhw", sl, w[:, :, u, v])
    return out if b is None else out + b[None, :, None, None]


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
