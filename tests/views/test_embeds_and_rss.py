"""Other sites embed "Neste aktiviteter"; feed readers follow new associations and coming events.

An embed lists exactly what the activity calendar lists for the same association,
venue or category in the same days; it has no site chrome and no scripts, so
another site can frame it. The RSS feeds parse in a feed reader library.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import feedparser
import pytest

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.views.embeds import EMBED_DAYS
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO, mkdocs_build
from htmlscan import Scan
from test_changed_activity_raises_sequence import git

TODAY = date(2026, 11, 22)  # SOURCE_DATE_EPOCH of the test builds
OCCURRENCE = re.compile(r'<li class="katalog-occurrence[^"]*" data-activity="([^"]+)">\s*<time datetime="([^"]+)"')


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(read_site_settings(REPO))


def occurrences(html: str) -> list[tuple[str, str]]:
    return OCCURRENCE.findall(html)


def calendar_occurrences(site: Path) -> list[tuple[str, str]]:
    """What /aktiviteter/ lists, in its order, for the embed window."""
    pages = [site / "aktiviteter/index.html", *sorted((site / "aktiviteter").glob("uke-*/index.html"))]
    found = [o for page in pages for o in occurrences(page.read_text(encoding="utf-8"))]
    last = (TODAY + timedelta(days=EMBED_DAYS - 1)).isoformat()
    return [o for o in found if o[1][:10] <= last]


def test_category_embed_lists_the_same_next_occurrences_as_the_calendar(example_site, catalog):
    calendar = calendar_occurrences(example_site)
    checked = 0
    for code in {code for org in catalog.organizations.values() if org.is_active for code in org.categories}:
        members = {org.id for org in catalog.organizations.values() if code in org.categories}
        expected = [o for o in calendar if o[0].split("/")[0] in members]
        embed = (example_site / f"embed/kategorier/{code}.html").read_text(encoding="utf-8")
        assert occurrences(embed) == expected[:40], code
        checked += bool(expected)
    assert checked >= 5


def test_association_and_venue_embeds_match_the_calendar_too(example_site, catalog):
    calendar = calendar_occurrences(example_site)
    for org in catalog.organizations.values():
        if org.is_active:
            embed = (example_site / f"embed/organisasjoner/{org.id}.html").read_text(encoding="utf-8")
            assert occurrences(embed) == [o for o in calendar if o[0].split("/")[0] == org.id], org.id
    for venue in catalog.venues.values():
        held_there = {f"{org.id}/{a.id}" for org in catalog.organizations.values() for a in org.activities or [] if a.venue == venue.id}
        embed = (example_site / f"embed/lokaler/{venue.id}.html").read_text(encoding="utf-8")
        assert occurrences(embed) == [o for o in calendar if o[0] in held_there], venue.id


def test_embed_pages_are_light_and_frameable(example_site):
    html = (example_site / "embed/kategorier/1200.html").read_text(encoding="utf-8")
    scan = Scan(html)
    tags = {tag for tag, _ in scan.tags}
    assert "script" not in tags and "header" not in tags and "nav" not in tags and "form" not in tags
    assert scan.title.startswith("Neste aktiviteter: Idrett")
    policy = next(a["content"] for t, a in scan.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "frame-ancestors" not in policy and "script-src 'none'" in policy  # nothing runs
    assert ("base", {"target": "_top"}) in scan.tags  # a link leaves the frame for the catalogue
    stylesheet = next(a["href"] for t, a in scan.tags if t == "link" and a.get("rel") == "stylesheet")
    assert (example_site / "embed/kategorier" / stylesheet).resolve().is_file()
    for href in scan.links():
        if href.startswith("https://"):
            continue  # the accessibility statement
        assert (example_site / "embed/kategorier" / href.split("#")[0] / "index.html").resolve().is_file() or href.endswith(".ics"), href


@pytest.mark.parametrize("page", ["organisasjoner/lindvik-il/", "lokaler/lindvikhallen/", "kategorier/1200/"])
def test_each_page_offers_the_snippet_that_embeds_it(example_site, page):
    html = (example_site / page / "index.html").read_text(encoding="utf-8")
    snippet = re.search(r"&lt;iframe src=&#34;([^&]+)&#34; title=&#34;([^&]+)&#34;|&lt;iframe src=\"([^\"]+)\" title=\"([^\"]+)\"", html)
    assert snippet, "no snippet"
    address = snippet.group(1) or snippet.group(3)
    assert address == f"https://lindvik-kommune.github.io/frivilligkatalogen/embed/{page.rstrip('/')}.html"
    assert (example_site / "embed" / f"{page.rstrip('/')}.html").is_file()


def test_activity_feed_lists_the_calendar_s_coming_days(example_site):
    parsed = feedparser.parse((example_site / "aktiviteter.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.language == "nb"
    calendar = calendar_occurrences(example_site)
    assert len(parsed.entries) == len(calendar)
    for entry, (activity, _) in zip(parsed.entries, calendar):
        org_id, activity_id = activity.split("/")
        assert entry.link.endswith(f"/organisasjoner/{org_id}/#aktivitet-{activity_id}")
        assert entry.id.startswith(f"{activity}/")


def test_news_feed_names_new_and_changed_associations_newest_first(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "data", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "første", when="2026-09-01T12:00:00+00:00")
    path = root / "data/organizations/lindvik-il.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("verified: ", "summary: Nytt sammendrag for testen.\nverified: ", 1) if "summary:" not in path.read_text(encoding="utf-8") else re.sub(r"^summary: .*$", "summary: Nytt sammendrag for testen.", path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    git(root, "commit", "-qam", "endret", when="2026-11-01T08:00:00+00:00")
    out = tmp_path / "built"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse((out / "rss.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    first = parsed.entries[0]
    assert first.title == "Oppdatert: Lindvik IL"
    assert first.summary == "Nytt sammendrag for testen."
    assert first.published_parsed[:3] == (2026, 11, 1)
    assert all(entry.title.startswith("Ny i katalogen: ") for entry in parsed.entries[1:])
    assert {entry.published_parsed[:3] for entry in parsed.entries[1:]} == {(2026, 9, 1)}
    head = (out / "index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in head and 'href="rss.xml"' in head
