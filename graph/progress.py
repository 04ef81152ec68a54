"""What a build tells the person running it, on stderr: a bar on a terminal, plain lines elsewhere (issue 11, point 6).

A build of 5,000 records takes minutes.  On a terminal, each stage draws one line redrawn in
place: what it is doing, sources done of all, the rate and the time left; the lines that
matter (a refused source, a note, a stage's result) are printed above it.  When stderr is not
a terminal (a log, a pipe, a test) nothing is redrawn: every source gets its own line, as
before, so a log says what happened to each.

The pipeline talks to a :class:`Reporter`; a plain callable (``print``, a list's ``append``)
is wrapped in :class:`Lines`, so callers that only want the lines still pass one.
"""
from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

REDRAW_SECONDS = 0.1  # a terminal is redrawn at most ten times a second


class Reporter:
    """Plain lines: each goes to ``write`` as it comes; stages draw nothing."""

    def __init__(self, write: Callable[[str], None] = lambda line: None) -> None:
        self.write = write

    def line(self, text: str) -> None:
        """Something the person should read (a stage's result, a refusal, a note)."""
        self.write(text)

    def item(self, text: str) -> None:
        """One source's line: written as it is where nothing is redrawn; a terminal shows the bar instead."""
        self.write(text)

    def stage(self, label: str, total: int) -> None:
        """A stage of ``total`` steps begins (``advance`` counts them)."""

    def advance(self, steps: int = 1) -> None:
        pass

    def done(self) -> None:
        """The stage is over."""


Lines = Reporter


def reporter(progress: "Reporter | Callable[[str], None] | None") -> Reporter:
    if isinstance(progress, Reporter):
        return progress
    return Reporter(progress or (lambda line: None))


class Terminal(Reporter):
    """A bar redrawn in place on ``stream``, a terminal; other lines are printed above it."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(lambda text: None)
        self.stream = stream
        self.clock = clock
        self.label = ""
        self.total = 0
        self.count = 0
        self.started = 0.0
        self.drawn = 0.0
        self.active = False

    def line(self, text: str) -> None:
        self._clear()
        self.stream.write(text + "\n")
        if self.active:
            self._draw()
        self.stream.flush()

    def item(self, text: str) -> None:
        pass  # the bar stands for each source's line

    def stage(self, label: str, total: int) -> None:
        self.label, self.total, self.count = label, total, 0
        self.started = self.clock()
        self.active = total > 0
        if self.active:
            self._draw()

    def advance(self, steps: int = 1) -> None:
        self.count += steps
        if self.active and (self.clock() - self.drawn >= REDRAW_SECONDS or self.count >= self.total):
            self._draw()

    def done(self) -> None:
        if self.active:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        self.active = False

    def _clear(self) -> None:
        if self.active:
            self.stream.write("\r\x1b[K")

    def _draw(self) -> None:
        self.drawn = self.clock()
        self.stream.write("\r\x1b[K" + bar_text(self.label, self.count, self.total, self.drawn - self.started,
                                                shutil.get_terminal_size((80, 24)).columns))
        self.stream.flush()


def bar_text(label: str, done: int, total: int, seconds: float, width: int) -> str:
    """``reading sources [#####-----] 1,234/5,000 41.2/s 1:31 left``, fitted to ``width`` columns."""
    rate = done / seconds if seconds > 0 else 0.0
    left = (total - done) / rate if rate > 0 else None
    eta = "--:--" if left is None else clock_text(left)
    tail = f" {done:,}/{total:,} {rate:,.1f}/s ETA {eta}"
    room = max(0, width - len(label) - len(tail) - 4)
    filled = round(room * done / total) if total else room
    bar = f" [{'#' * filled}{'-' * (room - filled)}]" if room >= 10 else ""
    return (label + bar + tail)[: max(width - 1, 0)]


def clock_text(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest:02d}" if hours else f"{minutes}:{rest:02d}"


def for_stream(stream: TextIO = sys.stderr) -> Reporter:
    """A bar where ``stream`` is a terminal, plain lines where it is not."""
    if stream.isatty():
        return Terminal(stream)
    return Reporter(lambda text: print(text, file=stream, flush=True))
