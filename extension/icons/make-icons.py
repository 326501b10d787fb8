#!/usr/bin/env python3
"""Draws the toolbar icon (a key on a blue tile) at 16, 32, 48 and 128 px.

The 128 px one is also the stores' icon: as the Chrome Web Store asks, its artwork is
96 px with 16 px of transparent margin all round (tests/store-archives/icon.js checks).
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


def render(size, margin=0, samples=4):
    """The icon at `size` px, its artwork inset by `margin` px on every side."""
    art = size - 2 * margin
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            tile = key = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px - margin + (sx + 0.5) / samples) / art
                    y = (py - margin + (sy + 0.5) / samples) / art
                    if 0 <= x <= 1 and 0 <= y <= 1 and in_tile(x, y):
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
    for size, margin in ((16, 0), (32, 0), (48, 0), (128, 16)):
        (here / f"icon-{size}.png").write_bytes(render(size, margin))
