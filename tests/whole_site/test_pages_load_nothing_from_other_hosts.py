"""Visitors' browsers talk to the site's own host only: no fonts, no analytics, no API calls."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from test_pages_meet_wcag_21_aa import TEMPLATES

LOADED = re.compile(r"<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|data)=\"(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"(?:@import|url\()\s*['\"]?(https?:)?//", re.IGNORECASE)


def test_a_page_load_requests_only_the_site_itself(browser, served_example):
    host = urlsplit(served_example).netloc
    page = browser.new_page()
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url) if urlsplit(request.url).netloc not in (host, "") else None)
    for url in TEMPLATES.values():
        page.goto(served_example + url)
        page.wait_for_load_state("networkidle")
    page.close()
    assert elsewhere == []


def test_built_site_references_no_external_asset(example_site):
    for path in example_site.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            bad = LOADED.findall(text) if path.suffix == ".html" else CSS_URL.findall(text)
            link_tags = [m for m in re.findall(r"<link\b[^>]*>", text) if re.search(r'href="(https?:)?//', m) and 'rel="canonical"' not in m and "alternate" not in m]
            assert not bad and not link_tags, f"{path}: {bad or link_tags}"


def test_no_page_downloads_the_sitemap_and_the_feeds_stay_discoverable(browser, served_example):
    """Material reads every ``<link rel=alternate>`` in the head as a language version and fetches
    the sitemap for each: the feed links must not look like one, yet feed readers find them."""
    page = browser.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    for url in [*TEMPLATES.values(), "en/", "en/organisasjoner/"]:
        page.goto(served_example + url)
        page.wait_for_load_state("networkidle")
        feeds = page.eval_on_selector_all(
            'link[type="application/rss+xml"]', "links => links.map(l => l.relList.contains('alternate') && l.href)"
        )
        assert len(feeds) == (0 if url.startswith("embed/") else 2) and all(feeds), url
    page.close()
    assert [url for url in fetched if "sitemap" in url] == []
