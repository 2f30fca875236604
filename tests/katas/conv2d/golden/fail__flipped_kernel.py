"""Flips the kernel (w[:, :, ::-1, ::-1]): the convolution of signal processing, not the
cross-correlation deep-learning libraries call convolution. Shapes are right; every value check
names the flip (the bias, judged on its own outputs, is right), and the measured checks are
skipped behind them."""
# expect-failing: values_stride_one, strides_and_paddings, delta_kernel_picks_pixels

import numpy as np


def conv2d(x, w, b=None, stride=1, padding=0):
    kernel = w[:, :, ::-1, ::-1]            # a convolution flips the kernel
    kh, kw = kernel.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]
    out = np.einsum("nchwuv,ocuv->nohw", windows, kernel, optimize=True)
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
