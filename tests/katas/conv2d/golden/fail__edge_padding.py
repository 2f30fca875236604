"""Pads by repeating the edge pixels (np.pad mode='edge') instead of with zeros. Values with
padding are wrong (named); stride-1, no-padding values are right."""
# expect-failing: strides_and_paddings, delta_kernel_picks_pixels

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    K, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="edge")
    Ho = (H + 2 * padding - kh) // stride + 1
    Wo = (W + 2 * padding - kw) // stride + 1
    out = np.zeros((N, K, Ho, Wo))
    for u in range(kh):
        for v in range(kw):
            out += np.tensordot(w[:, :, u, v], xp[:, :, u:u + stride * Ho:stride,
                                                  v:v + stride * Wo:stride],
                                axes=([1], [1])).transpose(1, 0, 2, 3)
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
