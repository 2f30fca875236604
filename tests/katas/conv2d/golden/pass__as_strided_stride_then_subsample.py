"""Correct, in another style: builds every stride-1 window with np.lib.stride_tricks.as_strided
(explicit strides, no copy), contracts with np.einsum(optimize=True), then keeps every
stride-th output row and column. Wasteful by stride**2 in work, but right, loop-free and not
heavier in memory than im2col."""

import numpy as np
from numpy.lib.stride_tricks import as_strided


def conv2d(x, w, b=None, stride=1, padding=0):
    if padding > 0:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    x = np.ascontiguousarray(x, dtype=float)
    n, c, h, wd = x.shape
    k_out, _, kh, kw = w.shape
    full_h, full_w = h - kh + 1, wd - kw + 1
    s0, s1, s2, s3 = x.strides
    windows = as_strided(x, shape=(n, c, full_h, full_w, kh, kw),
                         strides=(s0, s1, s2, s3, s2, s3), writeable=False)
    full = np.einsum("ncijuv,kcuv->nkij", windows, w, optimize=True)
    out = full[:, :, ::stride, ::stride]
    if b is not None:
        out = out + np.asarray(b)[np.newaxis, :, np.newaxis, np.newaxis]
    return np.array(out)


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
