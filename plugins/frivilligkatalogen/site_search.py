"""Full-text search with Pagefind, instead of an index of every word shipped to every visitor.

Pagefind indexes the built site (it knows Norwegian stemming from ``lang="nb"``)
and a visitor downloads only the index chunks a query needs. Only pages worth
finding are indexed: associations, venues, grants and the hand-written pages;
lists that repeat everything (the directory, the calendars) are left out so
they do not crowd the results.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .addresses import ACTIVITIES, CALENDAR, CATEGORIES, ORGANIZATIONS, SEARCH

NOT_INDEXED = (ORGANIZATIONS, ACTIVITIES, CALENDAR, CATEGORIES, SEARCH)
"""Page addresses (and the pages under them, for categories) kept out of the index."""

WASM_POLICY = "'wasm-unsafe-eval'"
"""What Pagefind's WebAssembly needs in ``script-src``."""

_ARTICLE = '<article class="md-content__inner md-typeset">'


def indexed(url: str) -> bool:
    """True for pages the search should find."""
    if url in NOT_INDEXED or url.startswith((CATEGORIES, CALENDAR, ACTIVITIES)):
        return False
    return not url.endswith("404.html")


def mark_for_search(html: str, url: str) -> str:
    """Tell Pagefind to index this page's content (and nothing of the theme around it)."""
    if not indexed(url):
        return html
    return html.replace(_ARTICLE, '<article class="md-content__inner md-typeset" data-pagefind-body>', 1)


NEVER_INDEXED_FOLDERS = {"embed", "kalender", "aktiviteter", "kategorier", "sok", "assets", "data", "pagefind", "schema", "search", "stylesheets", "javascripts"}
"""Top-level folders of the built site with nothing to index; Pagefind does not even read them."""


class SearchIndex:
    """Pagefind's input, gathered while the site is written, and Pagefind run on it.

    Pages made from data are given to the index as their body alone, not the
    theme around it (a city's association pages are hundreds of megabytes of
    header and navigation Pagefind would read and drop). They go into a folder
    outside the site, beside links to the theme-rendered pages worth finding; the
    index is written into the site.
    """

    def __init__(self, site_dir: Path, language: str = "nb"):
        import tempfile

        self.site_dir = site_dir
        self.language = language
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.source = Path(tempfile.mkdtemp(prefix=".katalog-sok-", dir=site_dir.parent))

    def add_page(self, url: str, body: str) -> None:
        """One page made from data: its address and its body."""
        target = self.source / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!doctype html><html lang="{self.language}"><head><meta charset="utf-8"></head>'
            f"<body><article data-pagefind-body>{body}</article></body></html>",
            encoding="utf-8",
        )

    def finish(self, skip: tuple[str, ...]) -> None:
        """Add the theme's pages (``skip``: folders whose pages came one by one), index, clean up."""
        import os
        import shutil

        try:
            for page in _theme_pages(self.site_dir, skip):
                target = self.source / page.relative_to(self.site_dir)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    try:
                        os.link(page, target)
                    except OSError:
                        shutil.copyfile(page, target)
            run_pagefind(self.source, output=self.site_dir / "pagefind")
        finally:
            self.close()

    def close(self) -> None:
        import shutil

        shutil.rmtree(self.source, ignore_errors=True)


def _theme_pages(site_dir: Path, skip: tuple[str, ...]):
    """The built pages Pagefind should read: the front page and the folders that can hold indexed pages."""
    if (site_dir / "index.html").exists():
        yield site_dir / "index.html"
    for entry in sorted(site_dir.iterdir()):
        if not entry.is_dir() or entry.name in NEVER_INDEXED_FOLDERS:
            continue
        if entry.name in skip:
            if (entry / "index.html").exists():
                yield entry / "index.html"
            continue
        yield from sorted(entry.rglob("*.html"))


def run_pagefind(site_dir: Path, output: Path | None = None) -> None:
    """Index a folder of pages into ``output`` (default ``<folder>/pagefind/``); raises with Pagefind's output on failure."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"]
    if output is not None:
        command += ["--output-path", str(output)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip())
