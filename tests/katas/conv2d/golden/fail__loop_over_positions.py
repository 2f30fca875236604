"""Right values, but loops over every output position (i, j), each step a tensordot over one
window of every image. The positions check names the loop line; batch and channels are fine.
(At the speed check's size the loop is still under 40x the reference.)"""
# expect-failing: no_loop_over_positions

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    co, _, kh, kw = w.shape
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.empty((n, co, ho, wo))
    for i in range(ho):
        for j in range(wo):
            window = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    if b is not None:
        out += b[None, :, None, None]
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
