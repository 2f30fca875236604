"""Correct: pads once, then loops over the kh x kw kernel offsets (allowed: the loop's length
does not grow with the data), each offset contributing a strided slice of every image, channel
and position at once through np.einsum; the bias is added with reshape."""

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    Ho = (H + 2 * padding - KH) // stride + 1
    Wo = (W + 2 * padding - KW) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), mode="constant")
    out = np.zeros((N, F, Ho, Wo))
    for u in range(KH):
        for v in range(KW):
            patch = xp[:, :, u:u + stride * Ho:stride, v:v + stride * Wo:stride]
            out += np.einsum("nchw,fc->nfhw", patch, w[:, :, u, v])
    if b is not None:
        out = out + b.reshape(1, F, 1, 1)
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
