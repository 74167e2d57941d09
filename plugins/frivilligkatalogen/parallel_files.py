"""Writing the feeds and other files on the second core while MkDocs renders the pages.

The files depend only on the catalogue, not on the pages, so a forked worker can
write them into the site folder (cleaned by MkDocs before the files are listed)
while the main process renders. Where ``fork`` is not available, they are
written in the main process after the pages instead.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import sys
import traceback
from pathlib import Path

from .generate import write_files
from .outputs import iter_site_files


class FileWriter:
    """Writes a catalogue's files, in a worker process when the platform can fork."""

    def __init__(self, catalog, site_dir: Path, part: str = "all"):
        self.catalog = catalog
        self.site_dir = site_dir
        self.part = part
        self.process = None
        self.receiver = None

    def start(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods() or sys.platform != "linux":
            return
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the child reads the catalogue; untracked objects are not copied by its collector
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_work, args=(self.catalog, self.site_dir, self.part, sender), daemon=True)
        self.process.start()
        gc.unfreeze()
        sender.close()

    def finish(self) -> int:
        """Wait for the files (or write them now); returns how many; raises with the worker's error."""
        if self.process is None:
            return write_files(iter_site_files(self.catalog, self.part), self.site_dir)
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


def _work(catalog, site_dir: Path, part: str, sender) -> None:
    try:
        count = write_files(iter_site_files(catalog, part), site_dir)
        sender.send(("ok", count))
        code = 0
    except BaseException:  # report everything to the parent, which fails the build
        sender.send(("error", traceback.format_exc()))
        code = 1
    sender.close()
    os._exit(code)
