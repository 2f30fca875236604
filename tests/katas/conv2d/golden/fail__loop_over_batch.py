"""Right values, but loops over the images of the batch, convolving one image at a time with
an im2col matrix product. The batch check names the loop line."""
# expect-failing: no_loop_over_batch

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    n, c, h, wd = x.shape
    co, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - kh) // stride + 1
    wo = (wd + 2 * padding - kw) // stride + 1
    flat_w = w.reshape(co, -1)
    results = []
    for image in xp:
        win = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(1, 2))
        win = win[:, ::stride, ::stride]                       # (c, ho, wo, kh, kw)
        cols = win.transpose(0, 3, 4, 1, 2).reshape(c * kh * kw, ho * wo)
        results.append((flat_w @ cols).reshape(co, ho, wo))
    out = np.stack(results)
    if b is not None:
        out = out + b[None, :, None, None]
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
