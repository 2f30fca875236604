"""Loss curves a person can look at: a terminal chart and a PNG, with no plotting library.

The PNG is written with zlib and struct (an RGB raster, lines drawn with Bresenham's algorithm,
labels in a tiny built-in 3x5 font), which keeps matplotlib out of the kit's dependencies.
"""

from __future__ import annotations

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
}


def _prepare(curves: dict, log: bool):
    arrays = {name: np.asarray(values, dtype=float) for name, values in curves.items()}
    finite = np.concatenate([a[np.isfinite(a) & ((a > 0) if log else True)]
                             for a in arrays.values()] or [np.zeros(0)])
    if finite.size == 0:
        return arrays, 0.0, 1.0
    transform = np.log10 if log else (lambda v: v)
    low, high = float(transform(finite.min())), float(transform(finite.max()))
    if high - low < 1e-12:
        low, high = low - 1, high + 1
    return arrays, low, high


def _scaled(values, low, high, log):
    with np.errstate(all="ignore"):
        transformed = np.log10(values) if log else values
    return (transformed - low) / (high - low)


def terminal_chart(curves: dict, width=64, height=14, log=True) -> list[str]:
    """Text lines drawing each curve with its own mark; y axis labelled (log10 when ``log``)."""
    arrays, low, high = _prepare(curves, log)
    grid = [[" "] * width for _ in range(height)]
    for mark, values in zip(MARKS, arrays.values()):
        if values.size == 0:
            continue
        columns = np.linspace(0, values.size - 1, width).round().astype(int)
        for x, index in enumerate(columns):
            level = _scaled(values[index], low, high, log)
            if np.isfinite(level):
                y = height - 1 - int(round(np.clip(level, 0, 1) * (height - 1)))
                grid[y][x] = mark if grid[y][x] in (" ", mark) else "#"
    label = (lambda v: f"1e{v:+.1f}") if log else (lambda v: f"{v:.3g}")
    lines = []
    for row, cells in enumerate(grid):
        value = high - (high - low) * row / (height - 1)
        tick = label(value) if row in (0, height // 2, height - 1) else ""
        lines.append(f"{tick:>8} |" + "".join(cells))
    longest = max((a.size for a in arrays.values()), default=0)
    lines.append(" " * 9 + "+" + "-" * width)
    lines.append(" " * 10 + f"epoch 0{'':>{width - 14}}{max(longest - 1, 0)}")
    lines.append(" " * 10 + "   ".join(f"{m} {n}" for m, n in zip(MARKS, arrays)) +
                 ("   (# both)" if len(arrays) > 1 else ""))
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
    """Write the curves as a PNG line chart (y in log10 when ``log``)."""
    arrays, low, high = _prepare(curves, log)
    canvas = _Canvas(width, height)
    left, right, top, bottom = 90, width - 20, 40, height - 50
    grey = (200, 200, 200)
    for step in range(5):
        y = top + (bottom - top) * step / 4
        canvas.line(left, y, right, y, grey, 1)
        value = high - (high - low) * step / 4
        canvas.text(8, y - 4, f"1E{value:+.1f}" if log else f"{value:.3g}")
    canvas.line(left, bottom, right, bottom, (0, 0, 0), 2)
    canvas.line(left, top, left, bottom, (0, 0, 0), 2)
    longest = max((a.size for a in arrays.values()), default=1)
    canvas.text(left, bottom + 12, "0")
    canvas.text(right - 40, bottom + 12, str(max(longest - 1, 0)))
    canvas.text((left + right) // 2 - 20, bottom + 28, "EPOCH")
    canvas.text(left, 12, title + (" (LOG10)" if log else ""))
    for number, (name, values) in enumerate(arrays.items()):
        color = COLORS[number % len(COLORS)]
        level = _scaled(values, low, high, log)
        points = [(left + (right - left) * i / max(longest - 1, 1),
                   bottom - (bottom - top) * float(np.clip(v, 0, 1)))
                  for i, v in enumerate(level) if np.isfinite(v)]
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            canvas.line(x0, y0, x1, y1, color, 3 - number)
        legend_x = right - 200
        canvas.line(legend_x, 16 + 16 * number, legend_x + 24, 16 + 16 * number, color, 3)
        canvas.text(legend_x + 32, 12 + 16 * number, name)
    with open(path, "wb") as handle:
        handle.write(canvas.png())
