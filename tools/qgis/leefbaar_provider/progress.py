"""Reads what `leefbaar --progress` writes on stderr.

The progress bar (tools/console.cpp) is redrawn in place with a carriage return:
    "\\r" + label (14 columns) + " [" + 30 of '#' or '.' + "] " + percent (3) + "% " + message (40)
so it is parsed by position. Any other text (warnings, errors, the "cancelled" line) ends
with a newline; it may follow a bar on the same line, since the bar ends without one.
"""
import re

_BAR = re.compile(r"(.{14}) \[[#.]{30}\] +(\d{1,3})% (.{0,40})", re.S)


class ProgressParser:
    """Feed it stderr text as it arrives; it calls on_progress(percent, label, message)
    for each bar and on_line(text) for each other complete line."""

    def __init__(self, on_progress, on_line):
        self._on_progress = on_progress
        self._on_line = on_line
        self._pending = ""

    def feed(self, text):
        self._pending += text
        while True:
            cut = _first_break(self._pending)
            if cut < 0:
                break
            segment, sep, self._pending = self._pending[:cut], self._pending[cut], self._pending[cut + 1:]
            self._segment(segment, ended_line=(sep == "\n"))

    def finish(self):
        if self._pending.strip():
            self._segment(self._pending, ended_line=True)
        self._pending = ""

    def _segment(self, segment, ended_line):
        m = _BAR.match(segment)
        if m:
            self._on_progress(int(m.group(2)), m.group(1).strip(), m.group(3).strip())
            segment = segment[m.end():]
        # A bar not yet followed by its newline: the rest comes with a later redraw.
        if segment.strip() and (ended_line or not m):
            self._on_line(segment.strip())


def _first_break(text):
    cuts = [i for i in (text.find("\r"), text.find("\n")) if i >= 0]
    return min(cuts) if cuts else -1
