#!/usr/bin/env python3
"""Exit 0 if a PNG (8-bit RGB/RGBA, as Chromium writes) is not blank: at least
MIN_SHARE of its pixels differ from the top-left (background) pixel and it has at least
MIN_COLOURS distinct colours. Standard library only (zlib), no imaging package needed.
Usage: png_not_blank.py FILE.png [MIN_SHARE=0.05] [MIN_COLOURS=8]"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise ValueError("only 8-bit RGB(A) non-interlaced PNGs are supported")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # PNG filters (RFC 2083, 6)
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    path = sys.argv[1]
    min_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    min_colours = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    w, h, bpp, rows = read_png(path)
    bg = rows[0][0:3]
    differ, colours, n = 0, set(), 0
    for y in range(0, h, 3):
        for x in range(0, w, 3):
            px = rows[y][x * bpp:x * bpp + 3]
            colours.add(px)
            differ += px != bg
            n += 1
    share = differ / float(n)
    print("%s: %dx%d, %.1f %% non-background, %d colours" % (path, w, h, 100 * share, len(colours)))
    return 0 if share >= min_share and len(colours) >= min_colours else 1


if __name__ == "__main__":
    sys.exit(main())
