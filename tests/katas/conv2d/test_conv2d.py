"""Hidden checks for the conv2d kata.

Expected values come from the reference imported here and from a plain loop over the kernel
taps written below (the examiner's own definition of cross-correlation, also used to compute
the known-wrong variants a message names); the learner's function only runs in the sandboxed
worker.
"""

from __future__ import annotations

import numpy as np

from katakit.author import (Workload, as_array, call, check, close, fail, standard, stored,
                            worst_gap)
from katakit.author.layers import conv_output_size, matching_variant
from katakit.author.peak_memory import memory_check

FN = "conv2d"
FIX = ("out[n, o, i, j] = b[o] + sum over c, u, v of x_pad[n, c, i * stride + u, j * stride + "
       "v] * w[o, c, u, v], x_pad being x with `padding` zeros on each side")


# --- the examiner's own convolution and its known-wrong variants -----------------------------

def correlate(x, w, b=None, stride=1, padding=0, pad=None, mode="constant"):
    """Cross-correlation by a loop over the kernel taps. ``pad`` overrides the padding as
    ((top, bottom), (left, right)); ``mode`` is np.pad's ('edge' for a known mistake)."""
    kh, kw = w.shape[2:]
    (top, bottom), (left, right) = pad or ((padding, padding), (padding, padding))
    spec = ((0, 0), (0, 0), (top, bottom), (left, right))
    padded = np.pad(x, spec, mode=mode) if mode != "constant" else np.pad(x, spec)
    h_out = (padded.shape[2] - kh) // stride + 1
    w_out = (padded.shape[3] - kw) // stride + 1
    out = np.zeros((x.shape[0], w.shape[0], h_out, w_out))
    for u in range(kh):
        for v in range(kw):
            patch = padded[:, :, u:u + stride * (h_out - 1) + 1:stride,
                           v:v + stride * (w_out - 1) + 1:stride]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, u, v])
    return out if b is None else out + b[None, :, None, None]


def value_variants(x, w, b, stride, padding):
    """Known-wrong convolutions, to name the one a learner wrote."""
    plain = correlate(x, w, None, stride, padding)
    p = padding
    found = {
        "the kernel is flipped: that is the convolution of signal processing, but "
        "deep-learning conv2d is cross-correlation, w[o, c, u, v] multiplies x_pad[n, c, "
        "i * stride + u, j * stride + v] with no flip":
            lambda: correlate(x, w[:, :, ::-1, ::-1], b, stride, padding),
        "w's first two axes are swapped: w is (C_out, C_in, kh, kw), so output channel o "
        "uses w[o, c]":
            lambda: correlate(x, w.transpose(1, 0, 2, 3), b, stride, padding),
        "the padding repeats the edge pixels (np.pad mode 'edge'); pad with zeros, "
        "np.pad's default": lambda: correlate(x, w, b, stride, padding, mode="edge"),
        "the padding is applied on one side only (2 * padding zeros at the bottom/right "
        "and none at the top/left); pad `padding` zeros on EACH side":
            lambda: correlate(x, w, b, stride, padding, pad=((0, 2 * p), (0, 2 * p))),
        "the padding is applied on one side only (2 * padding zeros at the top/left and none "
        "at the bottom/right); pad `padding` zeros on EACH side":
            lambda: correlate(x, w, b, stride, padding, pad=((2 * p, 0), (2 * p, 0))),
        "the image is subsampled with the stride before a stride-1 convolution; the stride "
        "moves the window over the padded image: rows i * stride + u":
            lambda: correlate(np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))[:, :, ::stride,
                                                                           ::stride],
                              w, b, 1, 0),
    }
    if b is not None:
        found["the bias is missing: add b[o] to output channel o"] = lambda: plain
        found["the bias is added along the last axis (width), out + b; it belongs to the "
              "output channels: out + b[None, :, None, None]"] = \
            lambda: plain + b[None, None, None, :]
        found["the bias is added along the height axis; it belongs to the output channels: "
              "out + b[None, :, None, None]"] = lambda: plain + b[None, None, :, None]
    return found


def make_case(rng, n, c_in, c_out, h, w, kh, kw, offset=0.0):
    """x, w and b of these sizes; ``offset`` moves x away from 0, so that zero padding and
    edge padding differ clearly."""
    return (offset + rng.normal(size=(n, c_in, h, w)), rng.normal(size=(c_out, c_in, kh, kw)),
            rng.normal(size=c_out))


def describe(x, w, stride, padding, b=None) -> str:
    bias = "" if b is None else f", b {b.shape}"
    return f"x {x.shape}, w {w.shape}{bias}, stride={stride}, padding={padding}"


def run(candidate, x, w, b, stride, padding):
    """The learner's conv2d(x, w, b=b, stride=..., padding=...) as an array of the right
    shape (the shape check names an off-by-one size first)."""
    kwargs = {"stride": stride, "padding": padding}
    if b is not None:
        kwargs["b"] = b
    out = candidate.call(FN, x, w, **kwargs)
    shape = expected_shape(x, w, stride, padding)
    return as_array(out, shape, f"conv2d({describe(x, w, stride, padding, b)})")


def expected_shape(x, w, stride, padding) -> tuple:
    (n, _, h, wd), (c_out, _, kh, kw) = x.shape, w.shape
    return (n, c_out, conv_output_size(h, kh, stride, padding),
            conv_output_size(wd, kw, stride, padding))


# --- shapes ---------------------------------------------------------------------------------

SIZE_CASES = (  # N, C_in, C_out, H, W, kh, kw, stride, padding
    (2, 3, 4, 7, 9, 3, 2, 1, 0),
    (1, 1, 1, 8, 11, 3, 3, 2, 1),
    (2, 2, 3, 10, 7, 5, 3, 3, 2),
    (1, 2, 2, 5, 6, 5, 6, 1, 0),    # the kernel covers the whole image: 1 x 1 output
    (3, 2, 5, 6, 4, 1, 1, 2, 0),    # a 1 x 1 kernel
    (1, 3, 2, 4, 3, 4, 5, 1, 1),    # the kernel covers the padded width exactly
    (2, 1, 2, 9, 12, 3, 3, 4, 1),   # strides that do not divide evenly
)


def size_mistake(got: int, size: int, k: int, s: int, p: int) -> str:
    known = {
        (size + 2 * p - k) // s: "the + 1 is missing: floor((H + 2p - k) / s) + 1 counts the "
                                 "first window too",
        -(-(size + 2 * p - k) // s) + 1: "it rounds up (ceil); a window that would stick out "
                                         "of the padded image is dropped: floor",
        (size - k) // s + 1: "the padding is ignored: the windows slide over the PADDED "
                             "image, H + 2 * padding",
        (size + p - k) // s + 1: "the padding is counted once; it is added on both sides, "
                                 "H + 2 * padding",
        size + 2 * p - k + 1: "the stride is ignored: the window moves by `stride` pixels",
        (size + 2 * p - k + 1) // s: "it divides H + 2p - k + 1 by the stride; the formula is "
                                     "floor((H + 2p - k) / s) + 1",
        size: "the output has the input's size ('same'); the formula is floor((H + 2p - k) / "
              "s) + 1",
    }
    right = conv_output_size(size, k, s, p)
    return next((why for value, why in known.items() if value == got and value != right), "")


@check("shapes")
def test_output_size(candidate, rng, seed):
    """conv2d returns an array of shape (N, C_out, H_out, W_out) with H_out = floor((H + 2 *
    padding - kh) / stride) + 1 (and likewise W_out), for non-square images and kernels,
    strides 1 to 4, paddings 0 to 2, a 1 x 1 kernel and a kernel as large as the padded
    image."""
    for n, c_in, c_out, h, wd, kh, kw, s, p in SIZE_CASES:
        x, w, b = make_case(rng, n, c_in, c_out, h, wd, kh, kw)
        want = expected_shape(x, w, s, p)
        value = candidate.call(FN, x, w, b=b, stride=s, padding=p)
        got = np.shape(value) if isinstance(value, np.ndarray) else None
        what = f"conv2d({describe(x, w, s, p, b)}) (seed {seed})"
        if got is not None and len(got) == 4 and got != want:
            if got == (n, want[2], want[3], c_out) and want[1] != want[3]:
                fail(f"{what} returned shape {got}: channels last; the output is (N, C_out, "
                     f"H_out, W_out) = {want}, as the input is channels first "
                     "(out.transpose(0, 3, 1, 2))")
            why = (size_mistake(got[2], h, kh, s, p) if got[2] != want[2] else
                   size_mistake(got[3], wd, kw, s, p))
            fail(f"{what} returned shape {got}, expected {want}: H_out = floor((H + 2 * "
                 f"padding - kh) / stride) + 1 = floor(({h} + {2 * p} - {kh}) / {s}) + 1 = "
                 f"{want[2]} and W_out = floor(({wd} + {2 * p} - {kw}) / {s}) + 1 = {want[3]}"
                 f"{': ' + why if why else ''}")
        as_array(value, want, what)


# --- correctness ----------------------------------------------------------------------------

def assert_values(candidate, reference, seed, x, w, b, stride, padding, what):
    out = run(candidate, x, w, b, stride, padding)
    expected = reference.conv2d(x, w, b, stride=stride, padding=padding)
    if close(out, expected):
        return
    meaning = matching_variant(out, value_variants(x, w, b, stride, padding))
    fail(f"{what}, conv2d({describe(x, w, stride, padding, b)}) is wrong"
         f"{': ' + meaning if meaning else ''}. {worst_gap(out, expected)} (seed {seed}). "
         f"{FIX}.")


@check("correctness")
def test_values_stride_one(candidate, reference, rng, seed):
    """With stride 1 and no padding, conv2d equals the reference: cross-correlation (no kernel
    flip) summed over the input channels, plus the bias per output channel (a 3 x 2 kernel on
    7 x 9 images)."""
    x, w, b = make_case(rng, 2, 3, 4, 7, 9, 3, 2)
    assert_values(candidate, reference, seed, x, w, b, 1, 0, "with stride 1 and no padding")


STRIDE_CASES = (  # N, C_in, C_out, H, W, kh, kw, stride, padding
    (2, 3, 2, 9, 8, 3, 3, 2, 1),
    (1, 2, 3, 10, 7, 2, 4, 3, 2),
    (2, 2, 2, 6, 11, 4, 3, 1, 2),
    (3, 3, 3, 8, 8, 3, 5, 2, 0),
)


@check("correctness")
def test_strides_and_paddings(candidate, reference, rng, seed):
    """For strides 1 to 3 and paddings 0 to 2, with non-square kernels and images (and
    inputs away from 0, so zero padding matters), conv2d equals the reference."""
    for n, c_in, c_out, h, wd, kh, kw, s, p in STRIDE_CASES:
        x, w, b = make_case(rng, n, c_in, c_out, h, wd, kh, kw, offset=3.0)
        assert_values(candidate, reference, seed, x, w, b, s, p,
                      f"with stride {s} and padding {p}")


@check("correctness")
def test_delta_kernel_picks_pixels(candidate, rng, seed):
    """A kernel whose only non-zero entry is w[1, 0, u, v] = 1 makes output channel 1 the
    pixels x_pad[:, 0, i * stride + u, j * stride + v] and every other output channel zero:
    the definition of cross-correlation, with zero padding."""
    for h, wd, kh, kw, s, p, (u, v) in ((6, 7, 3, 4, 1, 0, (0, 1)),
                                        (7, 8, 3, 4, 2, 1, (2, 3)),
                                        (9, 6, 3, 4, 3, 2, (1, 0))):
        x = 3.0 + rng.normal(size=(2, 2, h, wd))
        w = np.zeros((3, 2, kh, kw))
        w[1, 0, u, v] = 1.0
        shape = expected_shape(x, w, s, p)
        out = run(candidate, x, w, None, s, p)
        padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
        picked = padded[:, 0, u::s, v::s][:, :shape[2], :shape[3]]
        expected = np.zeros(shape)
        expected[:, 1] = picked
        if close(out, expected):
            continue
        flipped = padded[:, 0, kh - 1 - u::s, kw - 1 - v::s][:, :shape[2], :shape[3]]
        where = f"x_pad[n, 0, i * {s} + {u}, j * {s} + {v}]"
        if close(out[:, 1], flipped) and (kh - 1 - u, kw - 1 - v) != (u, v):
            why = (f"your channel 1 holds x_pad[n, 0, i * {s} + {kh - 1 - u}, j * {s} + "
                   f"{kw - 1 - v}]: the kernel is flipped (a true convolution). Deep-learning "
                   "conv2d is cross-correlation: w[o, c, u, v] multiplies x_pad[n, c, i * "
                   "stride + u, j * stride + v]")
        elif not close(out[:, [0, 2]], 0.0):
            why = ("other output channels are not zero: output channel o uses only w[o], "
                   "and w[0] and w[2] are zero here (are w's first two axes swapped?)")
        else:
            meaning = matching_variant(out, value_variants(x, w, None, s, p))
            why = f"{meaning or worst_gap(out[:, 1], picked)}"
        fail(f"with w[1, 0, {u}, {v}] = 1 and every other weight 0 ({describe(x, w, s, p)}), "
             f"output channel 1 must be the pixels {where}: {why} (seed {seed})")


@check("correctness")
def test_bias_per_output_channel(candidate, reference, rng, seed):
    """conv2d(x, w, b) - conv2d(x, w) is b[o] at every position of output channel o, and
    conv2d(x, w) (no b) equals conv2d(x, w, b=None). Judged on your own outputs, so a wrong
    convolution (said by output_values) does not hide a right bias."""
    x, w, b = make_case(rng, 2, 2, 4, 7, 6, 3, 3)  # C_out = W_out = 4: a misplaced b broadcasts
    note = f"({describe(x, w, 1, 0, b)}; seed {seed})"
    expected = reference.conv2d(x, w)
    plain = as_array(candidate.call(FN, x, w), expected.shape, f"conv2d(x, w) {note}")
    given_none = as_array(candidate.call(FN, x, w, b=None), expected.shape,
                          f"conv2d(x, w, b=None) {note}")
    if not close(plain, given_none):
        fail(f"conv2d(x, w) and conv2d(x, w, b=None) differ: b=None is the default and means "
             f"no bias. {worst_gap(given_none, plain)} {note}")
    biased = as_array(candidate.call(FN, x, w, b=b), expected.shape, f"conv2d(x, w, b) {note}")
    added = biased - plain
    if close(added, np.broadcast_to(b[None, :, None, None], added.shape)):
        return
    known = {"along the last axis (width): out + b broadcasts b over W_out, which only works "
             "because W_out = C_out here": b[None, None, None, :],
             "along the height axis": b[None, None, :, None] if len(b) == added.shape[2]
             else None,
             "nowhere: b is ignored": np.zeros(1),
             "as its sum, to every output": np.full(1, b.sum())}
    meaning = next((why for why, v in known.items() if v is not None and close(
        added, np.broadcast_to(v, added.shape))), "")
    fail(f"conv2d(x, w, b) - conv2d(x, w) should be b[o] = {np.round(b, 4)} at every position "
         f"of output channel o{', but b is added ' + meaning if meaning else ''}: "
         f"{worst_gap(added, np.broadcast_to(b[None, :, None, None], added.shape))}. Add "
         f"b[None, :, None, None] (or b.reshape(1, -1, 1, 1)) {note}")


# --- vectorization --------------------------------------------------------------------------

def work_at(rng, n, c, hw):
    """Two calls with a fixed 3 x 2 kernel (so a loop over the taps is allowed): stride 1
    with padding 1, and stride 2 without padding and without bias."""
    x, w, b = make_case(rng, n, c, c + 1, hw, hw + 2, 3, 2)
    return Workload((call(FN, x, w, b=b, stride=1, padding=1), call(FN, x, w, stride=2)),
                    label=f"x {x.shape} and w {w.shape}")


LOOP_ADVICE = ("Replace the loop with whole-array operations: pad once with np.pad, then loop "
               "only over the kh x kw kernel offsets (u, v), each handling every image, channel "
               "and position at once: out += np.einsum('nchw,oc->nohw', x_pad[:, :, u:u + "
               "stride * H_out:stride, v:v + stride * W_out:stride], w[:, :, u, v]); or build "
               "all windows with np.lib.stride_tricks.sliding_window_view and contract them "
               "with np.tensordot.")
TAPS = "a loop over the kh x kw kernel taps"
test_no_loop_over_batch = standard.no_loop(work_at, "images in the batch",
                                           {"n": (2, 16), "c": 2, "hw": 6}, LOOP_ADVICE,
                                           allowed=TAPS)
test_no_loop_over_channels = standard.no_loop(work_at, "channels",
                                              {"n": 2, "c": (2, 16), "hw": 6}, LOOP_ADVICE,
                                              allowed=TAPS)
test_no_loop_over_positions = standard.no_loop(work_at, "output positions",
                                               {"n": 2, "c": 2, "hw": (6, 24)}, LOOP_ADVICE,
                                               allowed=TAPS)


# --- robustness -----------------------------------------------------------------------------

def untouched_probes(rng):
    x, w, b = make_case(rng, 2, 3, 2, 7, 6, 3, 2)
    return [Workload((call(FN, x, w, b=b, stride=2, padding=1),)),
            Workload((call(FN, x, w, b=b),))]


test_inputs_untouched = standard.inputs_untouched(
    untouched_probes,
    fix="compute new arrays instead: x_pad = np.pad(x, ...) is a new array, but writing into a "
        "view of x (a sliding window, x[...] = ..., x += ...) changes the caller's x; "
        "out = out + b, not b += ...",
    doc="conv2d leaves x, w and b unchanged.")


# --- performance ----------------------------------------------------------------------------

SPEED_X, SPEED_W = (4, 16, 32, 32), (64, 16, 3, 3)
MEMORY_X = (2, 16, 32, 32)


def speed_data(rng):
    return {"x": rng.normal(size=SPEED_X), "w": rng.normal(size=SPEED_W),
            "b": rng.normal(size=SPEED_W[0])}


def memory_data(rng):
    return {"x_small": rng.normal(size=MEMORY_X), "w": rng.normal(size=SPEED_W),
            "b": rng.normal(size=SPEED_W[0])}


def shapes(x_shape) -> str:
    return (f"conv2d on x {x_shape} with w {SPEED_W} (stride 1, padding 1)")


test_speed_at_scale = standard.speed(
    speed_data, [(Workload((call(FN, stored("x"), stored("w"), b=stored("b"), stride=1,
                                 padding=1),)), shapes(SPEED_X))],
    "If a vectorization check above names a loop, that loop is the cause; otherwise look for "
    "a loop that never shows up as Python lines (map over images, np.frompyfunc) or for a "
    "product of every window with every kernel before the sum (see memory_comparable).",
    doc=f"conv2d on a {' x '.join(map(str, SPEED_X))} batch with {SPEED_W[0]} output channels "
        "and a 3 x 3 kernel runs in time and memory comparable to the reference.")

test_memory_comparable = memory_check(
    memory_data, Workload((call(FN, stored("x_small"), stored("w"), b=stored("b"), stride=1,
                                padding=1),)), shapes(MEMORY_X),
    "An im2col copy of the windows (kh * kw times x, here about 2 MiB) is fine, but "
    "multiplying every window by every output channel's kernel before summing, e.g. "
    "np.sum(windows[:, None] * w[None, ..., None, None], axis=...), holds an array C_out "
    "times larger (here 64 x 2 MiB). Let np.tensordot, np.einsum or @ multiply and sum in "
    "one step, or accumulate over the kernel taps.",
    doc="conv2d's peak memory stays within a few times the reference's (an im2col copy is "
        "fine; an array C_out times larger than it is not).")
