"""The narrow channel between the grader (examiner) and the learner's worker (candidate).

A frame is a JSON header plus an optional ``.npz`` body, each length-prefixed. Arrays never
travel inside JSON: they are replaced by ``{"__array__": key}`` references into the body, which
is always read with ``allow_pickle=False`` so nothing in a frame can execute code.
Both sides import this module; it depends on the standard library and NumPy only.
"""

from __future__ import annotations

import io
import json
import os
import select
import struct
import time
import zipfile

import numpy as np

_LENGTHS = struct.Struct(">IQ")  # header bytes, body bytes
MAX_HEADER_BYTES = 4 * 1024 * 1024
MAX_BODY_BYTES = 1024 * 1024 * 1024
STORED = "__stored__"
"""``{STORED: "X"}`` in a request names an array the worker keeps (see ``op_store``)."""
GENERATOR = "__generator__"
"""``{GENERATOR: seed}`` in a request is handed to the learner as
``np.random.default_rng(seed)``: examiner-supplied randomness, reproducible on both sides."""


class ChannelClosed(Exception):
    """The other side closed the channel (the worker died or exited)."""


class ChannelTimeout(Exception):
    """No complete frame arrived before the deadline."""


class ProtocolError(Exception):
    """The bytes received are not a valid frame."""


def encode(value) -> tuple[bytes, bytes]:
    """Turn a JSON-like value with arrays inside into (header bytes, npz body bytes)."""
    arrays: dict[str, np.ndarray] = {}

    def walk(v):
        if isinstance(v, np.ndarray):
            key = f"a{len(arrays)}"
            arrays[key] = v if v.flags.c_contiguous else v.copy(order="C")  # keeps 0-d arrays
            return {"__array__": key}
        if isinstance(v, dict):
            return {str(k): walk(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [walk(x) for x in v]
        if isinstance(v, np.generic):  # a NumPy scalar travels as the Python number it holds
            return v.item()
        return v

    header = json.dumps(walk(value)).encode()
    body = b""
    if arrays:
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        body = buffer.getvalue()
    return header, body


def decode(header: bytes, body: bytes):
    """Inverse of :func:`encode`; never unpickles."""
    try:
        tree = json.loads(header)
        arrays = _arrays(body) if body else {}
    except ProtocolError:
        raise
    except Exception as exc:  # malformed frame: report, never crash the examiner
        raise ProtocolError(f"unreadable frame: {exc}") from None

    def walk(v):
        if isinstance(v, dict):
            if set(v) == {"__array__"}:
                if v["__array__"] not in arrays:
                    raise ProtocolError("frame refers to a missing array")
                return arrays[v["__array__"]]
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return walk(tree)


def _arrays(body: bytes) -> dict:
    """The arrays of an ``.npz`` body, read only when they cannot cost more memory than the
    body itself: every member stored uncompressed (``np.savez`` never compresses), so a small
    reply cannot unpack into gigabytes."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        members = archive.infolist()
        if any(m.compress_type != zipfile.ZIP_STORED for m in members) or \
                sum(m.file_size for m in members) > len(body):
            raise ProtocolError("a reply holds compressed or oversized arrays")
        for member in members:  # each header must describe no more data than the member holds
            with archive.open(member) as handle:
                major, _ = np.lib.format.read_magic(handle)
                read_header = (np.lib.format.read_array_header_1_0 if major == 1 else
                               np.lib.format.read_array_header_2_0)
                shape, _, dtype = read_header(handle)
                if dtype.hasobject or int(np.prod(shape, dtype=object)) * dtype.itemsize > \
                        member.file_size:
                    raise ProtocolError("a reply's array header claims more data than it holds")
    with np.load(io.BytesIO(body), allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def send(fd: int, value) -> None:
    header, body = encode(value)
    data = _LENGTHS.pack(len(header), len(body)) + header + body
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def receive(fd: int, deadline: float | None = None):
    """Read one frame; ``deadline`` is a ``time.monotonic()`` value or None to wait forever."""
    header_len, body_len = _LENGTHS.unpack(_read_exactly(fd, _LENGTHS.size, deadline))
    if header_len > MAX_HEADER_BYTES or body_len > MAX_BODY_BYTES:
        raise ProtocolError("frame too large")
    header = _read_exactly(fd, header_len, deadline)
    body = _read_exactly(fd, body_len, deadline)
    return decode(header, body)


def _read_exactly(fd: int, count: int, deadline: float | None) -> bytes:
    chunks = []
    remaining = count
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ChannelTimeout()
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed()
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
