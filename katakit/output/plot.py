"""Loss curves a person can look at: a chart in the terminal (text), and a PNG drawn with
matplotlib, the plotting library of this field (an optional dependency, the ``plot`` extra:
``pip install -e '.[plot]'``; without it, asking for a PNG says so in one line).

Both charts put a value at the same height (:class:`Scale`): log10 of the loss, with bands for
0 (or rounding below it) at the bottom and inf at the top, and nan not drawn.
"""

from __future__ import annotations

import importlib.util
import math

import numpy as np

MARKS = ("*", "o", "+", "x")
PLOT_HINT = ("PNG charts need matplotlib: pip install matplotlib (or, in the kit's folder, "
             "its plot extra: pip install -e '.[plot]')")


class PlotUnavailable(Exception):
    """matplotlib is not installed; the message says how to install it."""


def can_plot() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def number(value: float, digits: int = 3) -> str:
    """A short readable number (7.94, 0.001, 1000, 5e-9, 1e+143): axis labels and notes must
    read at a glance, so no padded exponents and no trailing zeros."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return str(value)  # inf, nan
    if 1e-3 <= abs(value) < 1e4:
        text = f"{value:.{digits}g}"
        return text if "e" not in text else f"{value:.0f}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent):+d}"


def log_ticks(low: float, high: float, most: int = 5) -> list[tuple[float, str]]:
    """(log10 position, label) pairs for an axis from 10**low to 10**high, each label at its true
    position: whole decades when two or more fit (every 2nd, 5th ... when too many), else
    1..9 x 10^k values, else the two ends with enough digits to be right to 5% of the span."""
    first, last = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    if last > first:
        step = next((s for s in (1, 2, 3, 5, 10, 20, 25, 50, 100, 200)
                     if (last - first) // s + 1 <= most), last - first)
        decades = [k for k in range(first, last + 1) if k % step == 0]
        plain = all(-3 <= k <= 3 for k in decades)  # one style per axis: 0.01 .. 1000 or 1e+k
        return [(k, number(10.0 ** k) if plain else f"1e{k:+d}") for k in decades]
    candidates = [(m, k) for k in range(math.floor(low), math.ceil(high) + 1)
                  for m in range(1, 10) if low - 1e-9 <= math.log10(m) + k <= high + 1e-9]
    for mantissas in (range(1, 10), (1, 2, 5), (1, 3), (1,)):
        chosen = [(m, k) for m, k in candidates if m in mantissas]
        if 2 <= len(chosen) <= most:
            return [(math.log10(m) + k, number(m * 10.0 ** k)) for m, k in chosen]
    ends, span = (10.0 ** low, 10.0 ** high), 10.0 ** high - 10.0 ** low
    digits = next((d for d in range(3, 9)  # each end off by at most 5% of the span
                   if all(abs(float(number(v, d)) - v) <= span / 20 for v in ends)), 9)
    return [(low, number(ends[0], digits)), (high, number(ends[1], digits))]


class Scale:
    """Maps curve values to heights 0 (bottom) .. 1 (top), log10 when ``log``.

    Losses are >= 0 but a log axis cannot show 0, and a diverging run reaches inf or nan. So
    0 and below (an excess loss of -3e-17 is rounding) get a band of height ``band`` at the
    bottom, +inf one at the top, and nan is not drawn (see :func:`notes`)."""

    def __init__(self, arrays, log=True, band=0.0):
        values = np.concatenate([np.ravel(a) for a in arrays] or [np.zeros(0)])
        self.log = log
        with np.errstate(all="ignore"):
            self.floor = log and bool(np.any(values <= 0))
            shown = values[np.isfinite(values) & ((values > 0) if log else True)]
            shown = np.log10(shown) if log else shown
        self.ceiling = bool(np.any(values == np.inf))
        self.low, self.high = (float(shown.min()), float(shown.max())) if shown.size else (0, 1)
        if self.high - self.low < 1e-12 * max(1.0, abs(self.low)):
            self.low, self.high = self.low - 1, self.high + 1
        self.bottom = band if self.floor else 0.0
        self.top = 1 - band if self.ceiling else 1.0

    def heights(self, values) -> np.ndarray:
        """Height of each value in 0..1; nan where it is not drawn."""
        values = np.asarray(values, dtype=float)
        with np.errstate(all="ignore"):
            level = np.log10(values) if self.log else values
            level = self._place((level - self.low) / (self.high - self.low))
        level = np.where(values == np.inf, 1.0, level)
        if self.floor:
            level = np.where(values <= 0, 0.0, level)
        return np.clip(level, 0.0, 1.0)

    def ticks(self, most=5) -> list[tuple[float, str]]:
        """(height, label) pairs, bottom to top."""
        if self.log:
            base = log_ticks(self.low, self.high, most)
        else:
            base = [(v, number(v)) for v in np.linspace(self.low, self.high, 3)]
        ticks = [(self._place((v - self.low) / (self.high - self.low)), text)
                 for v, text in base]
        return ([(0.0, "<=0")] if self.floor else []) + ticks + \
            ([(1.0, "inf")] if self.ceiling else [])

    def _place(self, fraction):
        return self.bottom + fraction * (self.top - self.bottom)


def notes(curves: dict) -> list[str]:
    """What the chart cannot show: the epoch each curve turns nan (it is not drawn from there)."""
    found = []
    for name, values in curves.items():
        bad = np.flatnonzero(np.isnan(np.asarray(values, dtype=float)))
        if bad.size:
            found.append(f"{name}: nan from epoch {bad[0]}, not drawn")
    return found


def terminal_chart(curves: dict, columns=80, height=14, log=True) -> list[str]:
    """Text lines, none longer than ``columns`` (the console width; the plot area is kept
    between 20 and 100 characters), drawing each curve with its own mark."""
    arrays = {name: np.asarray(values, dtype=float) for name, values in curves.items()}
    scale = Scale(arrays.values(), log, band=1 / (height - 1))
    rows = {}
    for h, text in scale.ticks():
        rows.setdefault(int(round((1 - h) * (height - 1))), text)
    pad = max(map(len, rows.values()), default=0)
    width = min(max(columns - pad - 2, 20), 100)
    longest = max((a.size for a in arrays.values()), default=0)
    epochs = np.linspace(0, max(longest - 1, 0), width).round().astype(int)
    grid = [[" "] * width for _ in range(height)]
    for mark, values in zip(MARKS, arrays.values()):
        for x in np.flatnonzero(epochs < values.size):
            h = scale.heights(values[epochs[x]])
            if np.isfinite(h):
                y = int(round((1 - h) * (height - 1)))
                grid[y][x] = mark if grid[y][x] in (" ", mark) else "#"
    lines = [f"{rows.get(row, ''):>{pad}} |" + "".join(cells) for row, cells in enumerate(grid)]
    last = str(max(longest - 1, 0))
    lines.append(" " * pad + " +" + "-" * width)
    lines.append(" " * (pad + 2) + "epoch 0" + last.rjust(width - 7))
    legend = "   ".join(f"{m} {n}" for m, n in zip(MARKS, arrays))
    legend += "   # both" if len(arrays) > 1 else ""
    for text in (legend, *notes(arrays)):
        lines.append(text if pad + 2 + len(text) > columns else " " * (pad + 2) + text)
    return lines


def png_chart(curves: dict, target, width=720, height=420, log=True, title="loss") -> None:
    """Write the curves as a PNG line chart to ``target`` (a path or a binary file), y on a log
    scale when ``log``; PlotUnavailable without matplotlib."""
    if not can_plot():
        raise PlotUnavailable(PLOT_HINT)
    from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global state

    arrays = {name: np.asarray(values, dtype=float) for name, values in curves.items()}
    scale = Scale(arrays.values(), log, band=0.06)
    figure = Figure(figsize=(width / 100, height / 100), dpi=100)
    axes = figure.add_subplot()
    for index, (name, values) in enumerate(arrays.items()):
        axes.plot(np.arange(values.size), scale.heights(values), label=name,
                  linewidth=2.5 - 0.8 * min(index, 1), zorder=3 - index)
    ticks = scale.ticks(most=6)
    axes.set_yticks([h for h, _ in ticks], [text for _, text in ticks])
    axes.set_ylim(-0.02, 1.02)
    axes.set_xlim(0, max(max((a.size for a in arrays.values()), default=1) - 1, 1))
    axes.set_xlabel("epoch")
    axes.set_title(title + (" (log scale)" if log else ""))
    axes.grid(True, color="#dddddd")
    for row, note in enumerate(notes(arrays)):
        axes.text(0.02, 0.04 + 0.06 * row, note, transform=axes.transAxes, color="#777777")
    if arrays:
        axes.legend()
    figure.tight_layout()
    figure.savefig(target, format="png")
