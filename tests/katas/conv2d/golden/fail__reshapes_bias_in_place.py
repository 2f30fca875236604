"""Right values, but reshapes the caller's bias in place (b.shape = (-1, 1, 1)) to broadcast
it: the caller's b is no longer (C_out,). The robustness check names the line."""
# expect-failing: inputs_untouched

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    co, ci, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (xp.shape[2] - kh) // stride + 1
    wo = (xp.shape[3] - kw) // stride + 1
    out = np.zeros((x.shape[0], co, ho, wo))
    for u in range(kh):
        for v in range(kw):
            out += np.einsum("nchw,oc->nohw",
                             xp[:, :, u:u + stride * ho:stride, v:v + stride * wo:stride],
                             w[:, :, u, v])
    if b is not None:
        b.shape = (-1, 1, 1)
        out += b
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
