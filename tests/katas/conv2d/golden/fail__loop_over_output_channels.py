"""Right values, but loops over the output channels, one kernel at a time (each step an einsum
over every image, input channel and position of the sliding windows). The channels check names
the loop line; batch and positions are fine."""
# expect-failing: no_loop_over_channels

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2], w.shape[3]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]
    maps = []
    for o in range(w.shape[0]):
        one = np.einsum("nchwuv,cuv->nhw", windows, w[o], optimize=True)
        maps.append(one if b is None else one + b[o])
    return np.stack(maps, axis=1)


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
