"""Right values and no Python loop, but multiplies every window by every output channel's
kernel before summing: windows[:, None] * w[None, ..., None, None] is an array C_out times
larger than all the windows together (64 x 2 MiB in the memory check, 64 x 5 MiB in the speed
check), and slow to fill. The memory check names it; the speed check fails too."""
# expect-failing: memory_comparable, speed_at_scale

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[2], w.shape[3]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]                # (N, C, Ho, Wo, kh, kw)
    products = windows[:, None] * w[None, :, :, None, None]    # (N, Co, C, Ho, Wo, kh, kw)
    out = products.sum(axis=(2, 5, 6))
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
