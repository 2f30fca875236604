"""Adds the bias with a plain out + b, which aligns b with the LAST axis (the width). When
W_out != C_out this raises a broadcast error (the advice names the bias); when they are equal it
silently adds b per column. The bias check names the misplaced bias; the checks whose calls
have a bias fail with the advice."""
# expect-failing: output_size, values_stride_one, strides_and_paddings, bias_per_output_channel

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    kh, kw = w.shape[-2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    out = np.tensordot(win, w, axes=([1, 4, 5], [1, 2, 3])).transpose(0, 3, 1, 2)
    if b is not None:
        out = out + b
    return out


QUIZ_ANSWERS = {
    "strided_output_height": 15,
    "parameter_count": 9472,
    "multiply_adds": 231211008,
    "why_no_flip": "b",
    "im2col_factor": 9,
    "receptive_field": "c",
}
