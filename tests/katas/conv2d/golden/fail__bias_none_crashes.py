"""Always adds the bias, even when b is None (the default): every call without a bias raises
TypeError, which the advice turns into the fix. Calls with a bias are right."""
# expect-failing: delta_kernel_picks_pixels, bias_per_output_channel

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]
    out = np.einsum("nchwuv,ocuv->nohw", windows, w, optimize=True)
    return out + b[None, :, None, None]


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
