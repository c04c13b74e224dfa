"""A plain text progress bar for long command-line work (German labels)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.perf_counter()
        self._last_draw = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        share = done / total if total else 1.0
        filled = int(self.width * share)
        rate = done / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r{self.label}: [{'#' * filled}{'.' * (self.width - filled)}] {share:6.1%}"
            f"  {done:,}/{total:,} Ereignisse  {rate:,.0f}/s".replace(",", ".")
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
