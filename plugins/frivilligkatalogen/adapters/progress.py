"""What a long command writes for a person: a progress line (to a terminal only), and the
catalogue's problems, one a line.

On a terminal it redraws one line (``Leser datafiler: 1200/20000``); in CI logs,
where nobody watches a line redraw, it prints nothing until the end.
"""

from __future__ import annotations

import os
import sys
import time


class ProgressLine:
    """Callable as ``progress(done, total)``; redraws at most ten times a second."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        self.stream.write(f"\r{self.label}: {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def print_problems(catalog, stream=None) -> None:
    """Every problem of a catalogue on a line of its own; GitHub annotations inside GitHub
    Actions (each then shows on its line of the pull request)."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in catalog.problems:
        print(problem.github_annotation() if annotate else str(problem), file=stream or sys.stdout)
