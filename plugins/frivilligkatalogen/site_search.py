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


def pages_to_read(site_dir: Path) -> str:
    """Pagefind's ``--glob``: the front page and the folders that can hold indexed pages."""
    folders = sorted(entry.name for entry in site_dir.iterdir() if entry.is_dir() and entry.name not in NEVER_INDEXED_FOLDERS)
    return "{" + ",".join(["index.html", *(f"{name}/**/*.html" for name in folders)]) + "}"


def run_pagefind(site_dir: Path) -> None:
    """Index the built site into ``<site>/pagefind/``; raises with Pagefind's output on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", pages_to_read(site_dir), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip())
