"""Loss curves a person can look at: a terminal chart and a PNG, with no plotting library.

The PNG is written with zlib and struct (an RGB raster, lines drawn with Bresenham's algorithm,
labels in a tiny built-in 3x5 font), which keeps matplotlib out of the kit's dependencies.
"""

from __future__ import annotations

import math
import struct
import zlib

import numpy as np

COLORS = ((220, 50, 47), (38, 139, 210), (133, 153, 0), (211, 54, 130))
MARKS = ("*", "o", "+", "x")
FONT = {  # 3x5 glyphs, rows top to bottom
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111",
    "6": "111100111101111", "7": "111001010010010", "8": "111101111101111",
    "9": "111101111001111", ".": "000000000000010", "-": "000000111000000",
    "+": "000010111010000", "E": "111100111100111", "Y": "101101010010010",
    "O": "111101101101111", "U": "101101101101111", "R": "110101110101101",
    "S": "111100111001111", "F": "111100111100100", "N": "101111111111101",
    "C": "111100100100111", "P": "111101111100100", "H": "101101111101101",
    "L": "100100100100111", "G": "111100101101111", "(": "010100100100010",
    ")": "010001001001010", " ": "000000000000000", "A": "010101111101101",
    "T": "111010010010010", "I": "111010010010111", "W": "101101111111101",
    "M": "101111111101101", "D": "110101101101110", "K": "101101110101101",
    "V": "101101101101010", "B": "110101110101110", "X": "101101010101101",
    "Z": "111001010100111", "J": "001001001101111", "Q": "111101101111001",
    "_": "000000000000111", "/": "001001010100100", ":": "000010000010000",
    "<": "001010100010001", "=": "000111000111000", ",": "000000000010100",
}


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


class _Canvas:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.pixels = np.full((height, width, 3), 255, dtype=np.uint8)

    def dot(self, x, y, color, size=1):
        x0, y0 = int(x) - size // 2, int(y) - size // 2
        self.pixels[max(y0, 0):max(min(y0 + size, self.height), 0),
                    max(x0, 0):max(min(x0 + size, self.width), 0)] = color

    def line(self, x0, y0, x1, y1, color, size=2):
        x0, y0, x1, y1 = int(x0), int(y0), int(x1), int(y1)
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        error = dx + dy
        while True:
            self.dot(x0, y0, color, size)
            if (x0, y0) == (x1, y1):
                return
            twice = 2 * error
            if twice >= dy:
                error, x0 = error + dy, x0 + sx
            if twice <= dx:
                error, y0 = error + dx, y0 + sy

    def text(self, x, y, text, color=(0, 0, 0), scale=2):
        for index, char in enumerate(text.upper()):
            glyph = FONT.get(char, FONT[" "])
            for bit, on in enumerate(glyph):
                if on == "1":
                    self.dot(x + (index * 4 + bit % 3) * scale, y + (bit // 3) * scale, color,
                             scale)

    def png(self) -> bytes:
        rows = b"".join(b"\x00" + row.tobytes() for row in self.pixels)

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def png_chart(curves: dict, path, width=720, height=420, log=True, title="LOSS") -> None:
    """Write the curves as a PNG line chart (y on a log scale when ``log``)."""
    arrays = {name: np.asarray(values, dtype=float) for name, values in curves.items()}
    scale = Scale(arrays.values(), log, band=0.06)
    canvas = _Canvas(width, height)
    box = (90, width - 20, 40, height - 50)  # left, right, top, bottom
    longest = max((a.size for a in arrays.values()), default=1)
    _png_axes(canvas, scale, box, longest, title + (" (LOG SCALE)" if log else ""))
    for index, (name, values) in enumerate(arrays.items()):
        color = COLORS[index % len(COLORS)]
        _png_curve(canvas, scale.heights(values), box, longest, color, 3 - min(index, 2))
        legend_x, legend_y = box[1] - 200, 16 + 16 * index
        canvas.line(legend_x, legend_y, legend_x + 24, legend_y, color, 3)
        canvas.text(legend_x + 32, legend_y - 4, name)
    for row, note in enumerate(notes(arrays)):
        canvas.text(box[0] + 8, box[2] + 8 + 14 * row, note, (120, 120, 120))
    with open(path, "wb") as handle:
        handle.write(canvas.png())


def _png_axes(canvas, scale, box, longest, title) -> None:
    """Grid lines at the ticks, labels right-aligned against the y axis, the epoch axis."""
    left, right, top, bottom = box
    for height, text in scale.ticks(most=6):
        y = bottom - (bottom - top) * height
        canvas.line(left, y, right, y, (200, 200, 200), 1)
        canvas.text(left - 8 - 8 * len(text), y - 4, text)
    canvas.line(left, bottom, right, bottom, (0, 0, 0), 2)
    canvas.line(left, top, left, bottom, (0, 0, 0), 2)
    canvas.text(left, bottom + 12, "0")
    last = str(max(longest - 1, 0))
    canvas.text(right - 8 * len(last), bottom + 12, last)
    canvas.text((left + right) // 2 - 20, bottom + 28, "EPOCH")
    canvas.text(left, 12, title)


def _png_curve(canvas, heights, box, longest, color, size) -> None:
    """Line segments between neighbouring drawable points; a nan breaks the line."""
    left, right, top, bottom = box
    points = [(left + (right - left) * i / max(longest - 1, 1), bottom - (bottom - top) * h)
              if np.isfinite(h) else None for i, h in enumerate(heights)]
    for start, end in zip(points, points[1:]):
        if start and end:
            canvas.line(*start, *end, color, size)
    if len(points) == 1 and points[0]:
        canvas.dot(*points[0], color, size + 2)
