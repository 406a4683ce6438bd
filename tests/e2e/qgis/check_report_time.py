#!/usr/bin/env python3
"""Checks the section "Over time" of a report (the DOM Chromium dumped after loading)
against the GeoPackage the same run wrote. Standard library only.
Usage: check_report_time.py DOM.html RESULT.gpkg YEARS_LAYER CHANGE_LAYER KEY_FIELD WORK_DIR"""
import base64
import os
import sqlite3
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_not_blank import read_png  # noqa: E402


class Section(HTMLParser):
    """The images, small-map panels and table rows inside <section id="over-time">."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # <section> nesting inside the time section
        self.body = {}
        self.panels, self.images = [], []
        self.rows = {}  # data-significance -> [data-key]
        self.table = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "section" and (self.depth or a.get("id") == "over-time"):
            self.depth += 1
        if not self.depth:
            return
        if tag == "div" and a.get("class") == "panel":
            self.panels.append(a.get("data-panel"))
        elif tag == "img":
            self.images.append(a.get("src", ""))
        elif tag == "table":
            self.table = a.get("data-significance")
            self.rows.setdefault(self.table, [])
        elif tag == "tr" and self.table and "data-key" in a:
            self.rows[self.table].append(a["data-key"])

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1
        elif tag == "table":
            self.table = None


def not_blank(png_bytes, path):
    """At least 2 % of the pixels differ from the corner (a legend is mostly white) and at least 4 colours."""
    with open(path, "wb") as f:
        f.write(png_bytes)
    w, h, bpp, rows = read_png(path)
    bg = rows[0][0:3]
    px = [rows[y][x * bpp:x * bpp + 3] for y in range(0, h, 2) for x in range(0, w, 2)]
    share = sum(p != bg for p in px) / float(len(px))
    return share >= 0.02 and len(set(px)) >= 4, share


def main():
    dom, gpkg, years_layer, change_layer, key, work = sys.argv[1:7]
    s = Section()
    s.feed(open(dom, encoding="utf-8").read())
    failures = []
    total, loaded = s.body.get("data-images"), s.body.get("data-images-loaded")
    print("images: %s of %s loaded" % (loaded, total))
    if not total or total != loaded:
        failures.append("not every image loaded in Chromium")
    db = sqlite3.connect(gpkg)
    years = [str(r[0]) for r in db.execute('SELECT DISTINCT year FROM "%s" ORDER BY year' % years_layer)]
    print("small maps:", s.panels, "years in %s:" % years_layer, years)
    if s.panels != years:
        failures.append("the small maps are not one per year of the years layer")
    for label in ("significantly better", "significantly worse"):
        expect = sorted(r[0] for r in db.execute('SELECT "%s" FROM "%s" WHERE change_sig = ?' % (key, change_layer), (label,)))
        got = sorted(s.rows.get(label, []))
        print("%s: %d in the layer, %d in the report's table" % (label, len(expect), len(got)))
        if got != expect:
            failures.append("the table of '%s' lists %s, the layer %s" % (label, got, expect))
    if not any(s.rows.values()):
        failures.append("no significant change in the sample: the table check proves nothing")
    for i, src in enumerate(s.images):
        ok, share = not_blank(base64.b64decode(src.split(",", 1)[1]), os.path.join(work, "time_%d.png" % i))
        print("time image %d: %.1f %% drawn" % (i, 100 * share))
        if not ok:
            failures.append("time image %d is blank" % i)
    if len(s.images) < len(years) + 4:  # the small maps, their legend, trajectories, two maps
        failures.append("the section has %d images" % len(s.images))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
