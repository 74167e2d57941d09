"""Work shared between processes, through the standard library's executors.

A build's work after loading is a plain list of independent jobs: the calendar files, the open
data, embeds and RSS, and the association and venue pages in chunks. :func:`worker_pool` gives a
process pool with one worker for each core but the one the build itself runs on, forked where
the platform can fork, so the workers start with the parent's catalogue and pages in memory:
:func:`share` puts them where a job finds them before the pool's first job forks the workers,
and a job is sent as a few small arguments, never as the catalogue itself. :func:`run_shared`
runs a list of jobs in the workers and in the build's own process at once, so every core works
and no process holds more than its share. Where forking is not safe (``mkdocs serve`` runs
threads) the workers are one thread of the build's own process.

Nothing before this stage knows about processes: :func:`load_catalog` takes any ``map``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from pathlib import Path

from frivilligkatalogen.build.files import write_files
from frivilligkatalogen.build.outputs import iter_site_files
from frivilligkatalogen.build.stamping import write_filled

PAGES_PER_JOB = 32
"""Pages filled in by one job: small enough that the processes finish together, large enough
that sending a job costs little beside it."""

_shared: dict = {}
"""What the jobs read: set by :func:`share` before the pool forks, so each worker inherits it."""


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def worker_count() -> int:
    """Workers beside the build's own process: one for every other core it may use (a container's
    or a CI runner's share, not the whole machine's), at least one."""
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return max(1, cores - 1)


def worker_pool(fork: bool = True) -> Executor:
    """:func:`worker_count` processes (forked: they inherit what :func:`share` held when the
    pool's first job was sent); one thread of this process where ``fork`` is False or the
    platform cannot fork."""
    if not (fork and can_fork()):
        return ThreadPoolExecutor(max_workers=1)
    return ProcessPoolExecutor(
        max_workers=worker_count(), mp_context=multiprocessing.get_context("fork")
    )


def share(**objects) -> None:
    """Hand the jobs their objects (the catalogue, the pages to fill in …). Call it before the
    pool's first job: that is when the workers are forked. The objects are frozen for the
    collector, so a worker reading them does not copy the memory they stand in."""
    _shared.update(objects)
    gc.freeze()


def release() -> None:
    """Let the shared objects go once every job is done."""
    _shared.clear()
    gc.unfreeze()


def run_shared(
    pool: Executor, job: Callable, arguments: Iterable, done: Callable, busy: Iterable[Future] = ()
) -> None:
    """``job(argument)`` for every argument, each result given to ``done`` as it comes: in the
    pool's workers and in this process at once. The workers are kept two jobs ahead (counting
    ``busy``, jobs they already have); this process takes the next job whenever they have
    enough, so neither waits for the other to finish a larger share."""
    busy = list(busy)
    pending: set[Future] = set()
    ahead = 2 * worker_count()
    for argument in arguments:
        for future in [future for future in pending if future.done()]:
            _deliver(future, done, pending)
        if len(pending) + sum(not future.done() for future in busy) < ahead:
            pending.add(pool.submit(job, argument))
        else:
            done(job(argument))
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            _deliver(future, done, pending)


def _deliver(future: Future, done: Callable, pending: set) -> None:
    pending.discard(future)
    done(future.result())  # a job's failure is raised here, in the build's own process


def shared_map(pool: Executor) -> Callable:
    """A ``map`` for :func:`load_catalog` that reads in the pool's workers and in this process at
    once, results in order."""

    def mapped(function: Callable, items: list) -> list:
        results: dict[int, object] = {}
        run_shared(
            pool,
            _numbered,
            [(function, index, item) for index, item in enumerate(items)],
            lambda pair: results.__setitem__(*pair),
        )
        return [results[index] for index in range(len(items))]

    return mapped


def _numbered(job: tuple) -> tuple[int, object]:
    function, index, item = job
    return index, function(item)


def write_part(part: str, site_dir: str) -> int:
    """Job: write one part of the catalogue's files (:func:`iter_site_files`); returns the count."""
    return write_files(iter_site_files(_shared["catalog"], part), Path(site_dir))


def page_or_part(job: tuple) -> tuple[str, object]:
    """Job: either :func:`fill_pages` (``("pages", start, site_dir, shells)``) or
    :func:`write_part` (``("part", name, site_dir)``), so one list holds both and whichever
    process is free takes the next; returns the kind and the job's result."""
    kind, *arguments = job
    if kind == "pages":
        return kind, fill_pages(tuple(arguments))
    return kind, write_part(*arguments)


def fill_pages(job: tuple[int, str, dict]) -> list[tuple[str, str]]:
    """Job: fill in and write the shared pages ``start`` to ``start + PAGES_PER_JOB`` into their
    sections' ``shells``; returns the (address, body) of each page that goes into the search
    index, for the process that feeds it."""
    start, site_dir, shells = job
    found: list[tuple[str, str]] = []
    pages = _shared["pages"][start : start + PAGES_PER_JOB]
    write_filled(pages, shells, _shared["edit_url"], Path(site_dir), found, _shared["searchable"])
    return found


def page_jobs(count: int) -> range:
    """The first page of each job, for ``count`` pages."""
    return range(0, count, PAGES_PER_JOB)
