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


def run_pagefind(site_dir: Path) -> None:
    """Index the built site into ``<site>/pagefind/``; raises with Pagefind's output on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip())
