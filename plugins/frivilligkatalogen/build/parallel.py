"""Work shared between processes, through the standard library's executors.

A build's work after loading is a plain list of independent jobs: the calendar files, the open
data, embeds and RSS, and the association and venue pages in chunks. :func:`worker_pool` gives a
process pool with one worker per core, forked where the platform can fork, so the workers start
with the parent's catalogue and views in memory: :func:`share` puts them where a job finds them
before the pool's first job forks the workers, and a job is sent as a few small arguments,
never as the catalogue itself. Where forking is not
safe (``mkdocs serve`` runs threads) the same jobs run on one thread of the build's own process.

Nothing before this stage knows about processes: :func:`load_catalog` takes any executor's ``map``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from frivilligkatalogen.build.files import write_files
from frivilligkatalogen.build.outputs import iter_site_files
from frivilligkatalogen.build.stamping import write_filled

PAGES_PER_JOB = 32
"""Pages filled in by one job: small enough that the workers finish together, large enough that
sending a job costs little beside it."""

_shared: dict = {}
"""What the jobs read: set by :func:`share` before the pool forks, so each worker inherits it."""


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def worker_pool(fork: bool = True, workers: int | None = None) -> Executor:
    """``workers`` processes, one per core by default (forked: they inherit what :func:`share`
    held when the pool's first job was sent); one thread in this process where ``fork`` is False
    or the platform cannot fork."""
    if not (fork and can_fork()):
        return ThreadPoolExecutor(max_workers=1)
    return ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1, mp_context=multiprocessing.get_context("fork")
    )


def share(**objects) -> None:
    """Hand the jobs their objects (the catalogue, the pages to fill in …). Call it before the
    pool's first job: that is when the workers are forked. The objects are frozen for the
    collector, so a worker reading them does not copy the memory they stand in."""
    _shared.clear()
    _shared.update(objects)
    gc.freeze()


def release() -> None:
    """Let the shared objects go once every job is done."""
    _shared.clear()
    gc.unfreeze()


def write_part(part: str, site_dir: str) -> int:
    """Job: write one part of the catalogue's files (see :func:`iter_site_files`); returns the
    count."""
    return write_files(iter_site_files(_shared["catalog"], part), Path(site_dir))


def fill_pages(start: int, site_dir: str) -> list[tuple[str, str]]:
    """Job: fill in and write the shared pages ``start`` to ``start + PAGES_PER_JOB``; returns the
    (address, body) of each page that goes into the search index, for the process that feeds it."""
    found: list[tuple[str, str]] = []
    pages = _shared["pages"][start : start + PAGES_PER_JOB]
    write_filled(
        pages, _shared["shells"], _shared["edit_url"], Path(site_dir), found, _shared["searchable"]
    )
    return found


def page_jobs(count: int) -> range:
    """The first page of each job, for ``count`` pages."""
    return range(0, count, PAGES_PER_JOB)
