"""A progress bar: one updating line on a terminal, a line per tenth elsewhere (CI logs)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=sys.stderr, width: int = 24):
        self.total, self.stream, self.width = total, stream, width
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def update(self, done: int, detail: str = "") -> None:
        if not self.total:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / done * (self.total - done) if done else 0
        filled = int(self.width * done / self.total)
        line = f"[{'#' * filled}{'-' * (self.width - filled)}] {done}/{self.total}"
        line += f" · {detail}" if detail else ""
        line += f" · about {left:.0f} s left"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done == self.total else ""))
            self.stream.flush()
        elif done * 10 // self.total > self.last_tenth:
            self.last_tenth = done * 10 // self.total
            print(line, file=self.stream)
