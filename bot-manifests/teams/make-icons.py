#!/usr/bin/env python3
"""Writes color.png (192x192) and outline.png (32x32) for the Teams app package, with the standard library only.

color: a green square with a white house; outline: the same house in white on a transparent background, as Teams
asks for outline icons. Run from anywhere: python3 bot-manifests/teams/make-icons.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
GREEN = (0x1B, 0x7F, 0x5C, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def house(x, y, size):
    """True inside a simple house: a triangular roof over a square body with a door."""
    u, v = x / size, y / size
    roof = 0.18 <= v < 0.48 and abs(u - 0.5) <= (v - 0.18) * 1.25
    body = 0.48 <= v <= 0.82 and 0.27 <= u <= 0.73
    door = 0.62 <= v <= 0.82 and 0.44 <= u <= 0.56
    return (roof or body) and not door


png(os.path.join(HERE, "color.png"), 192, lambda x, y, s: WHITE if house(x, y, s) else GREEN)
png(os.path.join(HERE, "outline.png"), 32, lambda x, y, s: WHITE if house(x, y, s) else CLEAR)
