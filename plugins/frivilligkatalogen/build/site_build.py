"""The part of a site build that happens beside the theme: files, filled-in pages, sitemap, search.

A :class:`SiteBuild` is made once the catalogue and its pages are known. It forks its workers
and starts one on the calendar files at once (they depend on the catalogue alone), so they are
written while the theme renders the hand-written pages. When the theme is done,
:meth:`fill_pages` gives the workers the open data, embeds and RSS, fills in every association
and venue page in chunks, in the workers and in this process at once, feeds the search index the
bodies, and puts the filled-in pages into the sitemap.
:meth:`finish` writes the search index. An adapter (the MkDocs plugin) only calls these in order.
"""

from __future__ import annotations

import gc
import gzip
import shutil
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from frivilligkatalogen.base.errors import BuildFailed, KatalogError
from frivilligkatalogen.base.i18n import language, t
from frivilligkatalogen.build import parallel
from frivilligkatalogen.build.search_index import SearchIndex, indexed
from frivilligkatalogen.build.stamping import (
    Shell,
    sitemap_alternates,
    sitemap_with,
    split_sitemap,
)


class SiteBuild:
    """The workers, the search index and the counts of one build (see the module's description)."""

    def __init__(self, catalog, pages: list, edit_url, site_dir: Path, *, fork: bool, search: bool):
        self.site_dir = site_dir
        self.pages = pages
        """The association and venue pages to fill in, as (section, view)."""
        parallel.share(catalog=catalog, pages=pages, edit_url=edit_url, searchable=indexed)
        self.pool: Executor | None = parallel.worker_pool(fork)
        try:
            self.calendars: Future = self.pool.submit(
                parallel.write_part, "calendars", str(site_dir)
            )
        except BaseException:  # the workers could not be started: nothing may stay shared or frozen
            self.stop()
            raise
        self.search: SearchIndex | None = None
        if search:  # started after the worker is forked: it must not inherit Pagefind's pipes
            try:
                self.search = SearchIndex(site_dir)
            except RuntimeError as error:
                self.stop()
                raise BuildFailed(t("search.index_failed", detail=str(error))) from error

    def fill_pages(
        self,
        shells: dict[str, Shell],
        prototypes: dict[str, str],
        base_url: str,
        alternates=None,
    ) -> tuple[int, int]:
        """Write the open data, embeds and RSS, and fill in every page given at the start, each
        section's pages into its prototype's ``shells``, in the workers and in this process at
        once; then the sitemap, with each page's ``alternates(url)`` in other editions. Returns
        (pages, files) written."""
        site = str(self.site_dir)
        # The open data, embeds and RSS come last in the list: whichever process is free then
        # takes them, so neither waits long for the other at the end.
        jobs = [("pages", start, site, shells) for start in parallel.page_jobs(len(self.pages))]
        jobs.append(("part", "views", site))
        files = [0]

        def done(result: tuple[str, object]) -> None:
            kind, value = result
            if kind == "pages":
                self._index(value)
            else:
                files[0] += value

        self._answer(
            "log.pages_failed",
            parallel.run_shared,
            self.pool,
            parallel.page_or_part,
            jobs,
            done,
            [self.calendars],
        )
        files = files[0] + self._answer("log.files_failed", self.calendars.result)
        finish_sitemap(self.site_dir, self.pages, prototypes, base_url, alternates)
        for section, page_id in prototypes.items():
            shutil.rmtree(self.site_dir / section / page_id, ignore_errors=True)
        return len(self.pages), files

    def _index(self, found: list[tuple[str, str]]) -> None:
        """Hand the bodies of written pages to the search index."""
        if self.search is not None:
            for url, body in found:
                self.search.add_page(url, body)

    def finish(self, skip: tuple[str, ...]) -> None:
        """Let the workers and the catalogue go, then write the search index (Pagefind needs the
        most memory now)."""
        search, self.search = self.search, None
        self.stop()
        if search is None:
            return
        gc.collect()  # the catalogue and the pages are let go: Pagefind gets their memory
        try:
            search.finish(skip=skip)
        except RuntimeError as error:
            raise BuildFailed(t("search.index_failed", detail=str(error))) from error

    def stop(self) -> None:
        """End the workers (after the jobs running now) and drop what they shared; also after a
        failure, before the site folder is cleaned."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        self.pages = []
        parallel.release()
        if self.search is not None:
            self.search.close()
            self.search = None

    @staticmethod
    def _answer(message: str, work, *arguments):
        """``work(*arguments)``, any failure of it (in a worker or here) a BuildFailed that says
        ``message`` and why."""
        try:
            return work(*arguments)
        except KatalogError:
            raise
        except BrokenProcessPool as error:  # a worker was killed (out of memory, say)
            raise BuildFailed(t(message, detail=t("log.worker_died"))) from error
        except Exception as error:
            raise BuildFailed(t(message, detail=f"{type(error).__name__}: {error}")) from error


def finish_sitemap(
    site_dir: Path, pages: list, prototypes: dict[str, str], base_url: str, alternates=None
) -> None:
    """The theme's sitemap with each prototype's entry replaced by its section's pages, with
    ``hreflang`` alternates when there are other editions (split into several files above the
    protocol's limit), and gzipped beside it."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    sitemap = path.read_text(encoding="utf-8")
    for section, page_id in prototypes.items():
        urls = [view.url for where, view in pages if where == section]
        sitemap = sitemap_with(sitemap, f"{section}{page_id}/", urls)
    if alternates is not None and base_url:
        sitemap = sitemap_alternates(sitemap, base_url, language(), alternates)
    for name, text in split_sitemap(sitemap, base_url).items():
        (site_dir / name).write_text(text, encoding="utf-8")
        with gzip.GzipFile(site_dir / f"{name}.gz", "wb", mtime=0) as handle:
            handle.write(text.encode("utf-8"))
