"""Descriptions and names from outsiders show as text, never as markup, on every page they reach."""

from __future__ import annotations

import json

import pytest

from conftest import mkdocs_build, write_site
from htmlscan import Scan

HOSTILE_NAME = "Laget «Ny» & <b>venner</b> </title><script>alert(1)</script>"
HOSTILE_SUMMARY = '"><script>alert(2)</script> & <i>kursiv</i>'
HOSTILE_DESCRIPTION = """\
Vi er **glade** for nye medlemmer.

<script>alert(3)</script>

<img src=x onerror="alert(4)">

[Klikk her](javascript:alert(5)) og [her](data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==)

Dette er et avsnitt
{: onclick="alert(7)" }

<a href="#" onmouseover="alert(8)">hold over</a>

<div style="background:url(javascript:alert(9))">stil</div>
"""

ORG = f"""\
name: {json.dumps(HOSTILE_NAME)}
categories: [1200]
summary: {json.dumps(HOSTILE_SUMMARY)}
description: {json.dumps(HOSTILE_DESCRIPTION)}
contact: {{email: post@test.no}}
venues: [huset]
verified: 2026-09-01
activities:
  - id: kveld
    title: "Kveld <script>alert(10)</script>"
    description: {json.dumps(HOSTILE_DESCRIPTION)}
    venue: huset
    dates:
      - {{start: 2026-12-13T17:00, end: 2026-12-13T18:30}}
"""

VENUE = f"""\
name: "Huset <svg onload=alert(11)> & «co»"
type: other
description: {json.dumps(HOSTILE_DESCRIPTION)}
address: {{street: "Vei 1 <script>alert(12)</script>", postal_code: "5700", city: Lindvik}}
verified: 2026-09-01
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    write_site(root, {"data/organizations/laget.yaml": ORG, "data/venues/huset.yaml": VENUE})
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def html_pages(site):
    return [p for p in site.rglob("*.html")]


def test_no_injected_script_handler_or_link_on_any_page(hostile_site):
    for path in html_pages(hostile_site):
        raw = path.read_text(encoding="utf-8")
        scan = Scan(raw)
        for script in scan.scripts:
            assert "alert(" not in script, path
        for block in scan.data_blocks:
            assert "<" not in block and ">" not in block, path  # nothing in JSON-LD can close the script
            json.loads(block)
        for tag, attrs in scan.tags:
            assert tag not in ("svg",) or "onload" not in attrs, path
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{path}: <{tag} {name}>"
                if name in ("href", "src", "action", "style"):
                    assert "javascript:" not in (value or "") and not (value or "").startswith("data:"), f"{path}: {value}"
            assert not (tag == "img" and attrs.get("src") == "x"), path
        assert "<script>alert" not in raw, path


def test_harmless_text_is_still_readable(hostile_site):
    text = Scan((hostile_site / "organisasjoner/laget/index.html").read_text(encoding="utf-8")).text
    assert "Vi er glade for nye medlemmer." in text
    assert "Klikk her" in text and "Dette er et avsnitt" in text
    assert "<script>alert(3)</script>" in text  # shown as text, as typed


def test_names_are_escaped_in_titles_headings_lists_and_meta(hostile_site):
    org_page = Scan((hostile_site / "organisasjoner/laget/index.html").read_text(encoding="utf-8"))
    assert org_page.title.strip().startswith(HOSTILE_NAME)
    assert HOSTILE_NAME in org_page.text
    assert org_page.meta("description") == HOSTILE_SUMMARY
    for listing in ("organisasjoner/index.html", "kategorier/1200/index.html", "lokaler/huset/index.html"):
        assert HOSTILE_NAME in Scan((hostile_site / listing).read_text(encoding="utf-8")).text, listing
    venue_page = Scan((hostile_site / "lokaler/huset/index.html").read_text(encoding="utf-8"))
    assert venue_page.title.strip().startswith("Huset <svg onload=alert(11)> & «co»")
    assert "Vei 1 <script>alert(12)</script>" in venue_page.text
    assert "Kveld <script>alert(10)</script>" in org_page.text


def test_a_removed_dangerous_link_leaves_its_text_not_an_empty_anchor(hostile_site):
    """nh3 drops a ``javascript:`` address; what is left must be text, not an ``<a>`` without
    ``href`` (no link to a screen reader's list of links, and an error to HTML checkers)."""
    for path in html_pages(hostile_site):
        for tag, attrs in Scan(path.read_text(encoding="utf-8")).tags:
            assert tag != "a" or "href" in attrs, f"{path}: <a {attrs}>"
    text = Scan((hostile_site / "organisasjoner/laget/index.html").read_text(encoding="utf-8")).text
    assert "Klikk her" in text
