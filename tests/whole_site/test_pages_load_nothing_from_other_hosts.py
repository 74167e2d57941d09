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
