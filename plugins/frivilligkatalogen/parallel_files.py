"""Work done on the second core while the main process goes on.

The feeds depend only on the catalogue, not on the pages, so a forked worker can
write them into the site folder (cleaned by MkDocs before the files are listed)
while the main process renders; later, a second worker fills in a share of the
association pages while the main process fills in the rest. Where ``fork`` is
not available, the work is done in the main process when its result is asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import traceback
from pathlib import Path
from typing import Callable

from .generate import write_files
from .outputs import iter_site_files


class Worker:
    """Runs ``job()`` in a forked process when the platform can fork; ``finish()`` gives its result."""

    def __init__(self, job: Callable[[], object], fork: bool = True):
        self.job = job
        self.fork = fork
        """False where other threads run (``mkdocs serve``): forking a threaded process can deadlock the child."""
        self.process = None
        self.receiver = None

    def start(self) -> None:
        if not self.fork or "fork" not in multiprocessing.get_all_start_methods() or sys.platform != "linux":
            return
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        gc.freeze()  # the child reads the parent's objects; frozen ones are not copied by its collector
        self.process = context.Process(target=_run, args=(self.job, sender), daemon=True)
        self.process.start()
        gc.unfreeze()
        sender.close()

    def finish(self):
        """Wait for the result (or do the work now); raises with the worker's error."""
        if self.process is None:
            return self.job()
        # Wait for an answer or for the worker to end, whichever comes first (it may be killed).
        multiprocessing.connection.wait([self.receiver, self.process.sentinel])
        try:
            message = self.receiver.recv() if self.receiver.poll() else None
        except (EOFError, OSError):
            message = None
        self.process.join()
        if message is None:
            raise RuntimeError(f"exit code {self.process.exitcode}")
        if message[0] != "ok" or self.process.exitcode != 0:
            raise RuntimeError(message[1])
        return message[1]

    def stop(self) -> None:
        """Stop a worker whose build failed, so it cannot write into the next build's folder."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


class Shared:
    """A list's items handed out in chunks to whichever process asks next, across a fork.

    Two processes iterating over the same ``Shared`` together get every item once,
    and each keeps working until the list is done: neither waits for the other
    because it was given the larger share.
    """

    def __init__(self, items: list, chunk: int = 32, across_processes: bool = True):
        self.items = items
        self.chunk = chunk
        # In shared memory, with a lock, only when a fork will share it (that needs /dev/shm).
        self.taken = multiprocessing.Value("q", 0) if across_processes else None
        self.next = 0

    def _claim(self) -> int:
        if self.taken is None:
            start, self.next = self.next, self.next + self.chunk
            return start
        with self.taken.get_lock():
            start = self.taken.value
            self.taken.value = start + self.chunk
        return start

    def __iter__(self):
        while True:
            start = self._claim()
            if start >= len(self.items):
                return
            yield from self.items[start:start + self.chunk]


class FileWriter(Worker):
    """Writes a catalogue's files (all, or one ``part`` of them: see :func:`iter_site_files`)."""

    def __init__(self, catalog, site_dir: Path, part: str = "all", fork: bool = True):
        super().__init__(lambda: write_files(iter_site_files(catalog, part), site_dir), fork)


def _run(job, sender) -> None:
    try:
        result = job()
        sender.send(("ok", result))
        code = 0
    except BaseException:  # report everything to the parent, which fails the build
        sender.send(("error", traceback.format_exc()))
        code = 1
    sender.close()
    os._exit(code)
