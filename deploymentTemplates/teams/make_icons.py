#!/usr/bin/env python3
"""Draws ReflectBot's two Teams icons and writes them as PNG files.

Standard library only (zlib does the compression), so the icons can be
regenerated on any machine without an image toolkit. The mark is a speech
bubble holding a small round mirror: talking things through, and reflecting.

  color.png   192x192, calm teal #1F7A7A on opaque white
  outline.png  32x32,  pure white on a transparent background (Teams rule)

Run:  python3 make_icons.py [OUTPUT_DIR]   (default: this script's folder)
"""
import math
import os
import struct
import sys
import zlib

TEAL = (0x1F, 0x7A, 0x7A)
WHITE = (0xFF, 0xFF, 0xFF)
SUPERSAMPLE = 4  # 4x4 samples per pixel give smooth edges without a rasteriser


def in_rounded_rect(x, y, cx, cy, hw, hh, r):
    # Signed-distance test for a rectangle with rounded corners.
    qx = abs(x - cx) - (hw - r)
    qy = abs(y - cy) - (hh - r)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    inside = min(max(qx, qy), 0.0)
    return outside + inside - r <= 0.0


def in_triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    has_neg = d1 < 0 or d2 < 0 or d3 < 0
    has_pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (has_neg and has_pos)


def in_ellipse(x, y, cx, cy, rx, ry):
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0


def near_segment(x, y, a, b, half_width):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= half_width


def coverage(size, inside):
    """Fraction of each pixel covered by the shape `inside(x, y)`."""
    n = SUPERSAMPLE
    grid = []
    for py in range(size):
        row = []
        for px in range(size):
            hits = 0
            for sy in range(n):
                for sx in range(n):
                    if inside(px + (sx + 0.5) / n, py + (sy + 0.5) / n):
                        hits += 1
            row.append(hits / (n * n))
        grid.append(row)
    return grid


def colour_mark(x, y):
    """Teal parts of the 192px icon: bubble with tail, minus the white mirror."""
    bubble = in_rounded_rect(x, y, 96, 86, 64, 50, 26) or in_triangle(
        x, y, (58, 118), (92, 128), (46, 162))
    if not bubble:
        return False
    mirror_ring = in_ellipse(x, y, 96, 86, 26, 30) and not in_ellipse(x, y, 96, 86, 18, 22)
    shine = near_segment(x, y, (86, 82), (98, 70), 3.5)
    return not (mirror_ring or shine)


def outline_mark(x, y):
    """White parts of the 32px icon: bubble outline with tail and a small mirror."""
    outer = in_rounded_rect(x, y, 16, 14, 13, 10, 5)
    inner = in_rounded_rect(x, y, 16, 14, 11, 8, 3)
    tail = in_triangle(x, y, (8, 20), (14, 20), (6, 29))
    stroke = (outer and not inner) or (tail and not inner)
    mirror = in_ellipse(x, y, 16, 14, 4.5, 5) and not in_ellipse(x, y, 16, 14, 2.8, 3.3)
    return stroke or mirror


def png_bytes(size, rgba_rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = bytearray()
    for row in rgba_rows:
        raw.append(0)  # filter type None for every scanline
        for pixel in row:
            raw.extend(pixel)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def blend(fg, bg, a):
    return tuple(round(f * a + b * (1 - a)) for f, b in zip(fg, bg))


def colour_icon():
    size = 192
    cov = coverage(size, colour_mark)
    return png_bytes(size, [[blend(TEAL, WHITE, c) + (255,) for c in row] for row in cov])


def outline_icon():
    size = 32
    cov = coverage(size, outline_mark)
    # Fully transparent pixels are stored as white too, so every pixel is "white".
    return png_bytes(size, [[WHITE + (round(c * 255),) for c in row] for row in cov])


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name, data in (("color.png", colour_icon()), ("outline.png", outline_icon())):
        path = os.path.join(out_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        print(path)


if __name__ == "__main__":
    main()
