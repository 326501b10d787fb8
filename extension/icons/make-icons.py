#!/usr/bin/env python3
"""Draws the toolbar icon (a key on a blue tile) at 16, 32, 48 and 128 px.

Run once after changing the design; the PNGs are committed. Standard library only.
"""
import math
import struct
import zlib
from pathlib import Path

TILE = (10, 89, 194)
KEY = (255, 255, 255)


def coverage(x, y):
    """1 where the key is, 0 elsewhere; coordinates in 0..1."""
    # Ring of the key head.
    d = math.hypot(x - 0.36, y - 0.40)
    if 0.10 <= d <= 0.20:
        return 1
    # Shaft, running down-right from the head.
    u, v = (x - 0.36) * 0.7071 + (y - 0.40) * 0.7071, -(x - 0.36) * 0.7071 + (y - 0.40) * 0.7071
    if 0.18 <= u <= 0.62 and abs(v) <= 0.055:
        return 1
    # Two teeth.
    for t in (0.44, 0.56):
        if t <= u <= t + 0.07 and 0 <= v <= 0.15:
            return 1
    return 0


def in_tile(x, y, r=0.18):
    cx, cy = min(max(x, r), 1 - r), min(max(y, r), 1 - r)
    return math.hypot(x - cx, y - cy) <= r


def render(size, samples=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            tile = key = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    if in_tile(x, y):
                        tile += 1
                        key += coverage(x, y)
            n = samples * samples
            alpha = tile / n
            k = key / tile if tile else 0
            rgb = [round(TILE[i] * (1 - k) + KEY[i] * k) for i in range(3)]
            row += bytes(rgb + [round(alpha * 255)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = Path(__file__).parent
    for size in (16, 32, 48, 128):
        (here / f"icon-{size}.png").write_bytes(render(size))
