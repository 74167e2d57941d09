"""Association and venue pages are filled into one theme-rendered prototype per section.

What a visitor notices: each page has its own title, description, canonical
address and edit link, search engines find every page in the sitemap, and no
placeholder or prototype page is ever published, whatever names outsiders type.
"""

from __future__ import annotations

import json
import re

import pytest

from frivilligkatalogen.build.stamping import BODY, DESCRIPTION, EDIT, ID, TITLE

from conftest import REPO, SITE_CONFIG, VALID_VENUE, mkdocs_build, write_site
from htmlscan import Scan

TOKENS = (ID, TITLE, DESCRIPTION, EDIT, "KATALOGSTAMP")
SNEAKY_NAME = f"Lag {TITLE} {ID} {DESCRIPTION}"


def org(name: str, summary: str | None) -> str:
    lines = [f"name: {json.dumps(name)}", "categories: [1200]"]
    if summary:
        lines.append(f"summary: {json.dumps(summary)}")
    return "\n".join([*lines, "contact: {email: post@test.no}", "verified: 2026-09-01", ""])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("stamped")
    write_site(
        root,
        {
            "data/organizations/forste.yaml": org("Første lag & co", "Vi spiller <b>sjakk</b>."),
            "data/organizations/andre.yaml": org(SNEAKY_NAME, f"Sammendrag med {BODY} og {EDIT}"),
            "data/organizations/tredje.yaml": org("Tredje lag", None),
            "data/venues/hallen.yaml": VALID_VENUE,
        },
        config="site_url: https://katalog.test/\n" + SITE_CONFIG.replace("  name: material\n", "  name: material\n  features: [content.action.edit]\n"),
    )
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def test_each_page_has_its_own_title_description_canonical_and_edit_link(site):
    first = Scan((site / "organisasjoner/forste/index.html").read_text(encoding="utf-8"))
    assert first.title.startswith("Første lag &amp; co - ") or first.title.startswith("Første lag & co - ")
    assert first.meta("description") == "Vi spiller <b>sjakk</b>."  # text, shown as text
    links = {attrs.get("rel"): attrs.get("href") for tag, attrs in first.tags if tag in ("link", "a") and attrs.get("rel") in ("canonical", "edit")}
    assert links["canonical"] == "https://katalog.test/organisasjoner/forste/"
    assert links["edit"] == "https://github.com/test/katalog/edit/main/data/organizations/forste.yaml"
    assert "<h1>Første lag &amp; co</h1>" in (site / "organisasjoner/forste/index.html").read_text(encoding="utf-8")
    venue = Scan((site / "lokaler/hallen/index.html").read_text(encoding="utf-8"))
    assert venue.title.startswith("Hallen - ")


def test_a_page_without_summary_has_no_stray_description(site):
    html = (site / "organisasjoner/tredje/index.html").read_text(encoding="utf-8")
    assert Scan(html).meta("description") is None
    assert html.count("<h1") == 1


def test_names_that_look_like_placeholders_stay_text(site):
    html = (site / "organisasjoner/andre/index.html").read_text(encoding="utf-8")
    scan = Scan(html)
    assert scan.title.startswith(SNEAKY_NAME)
    assert BODY not in html  # escaped as text: the comment never reaches the page as a comment
    assert f"Sammendrag med &lt;!--KATALOGSTAMPBODY &lt;h1&gt; --&gt; og {EDIT}" in html


def test_no_placeholder_or_prototype_is_published(site):
    assert not any(ID in str(path) for path in site.rglob("*"))
    for path in site.rglob("*.html"):
        # The sneaky association's own words appear, as text, wherever it is listed.
        text = path.read_text(encoding="utf-8").replace(SNEAKY_NAME, "").replace(SNEAKY_NAME.replace(" ", "+"), "")
        text = text.replace(EDIT, "").replace("KATALOGSTAMPBODY", "")
        for token in TOKENS:
            assert token not in text, (path, token)


def test_the_sitemap_lists_every_page_once(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) == len(set(locations))
    for page in ("organisasjoner/forste/", "organisasjoner/andre/", "organisasjoner/tredje/", "lokaler/hallen/"):
        assert f"https://katalog.test/{page}" in locations
    assert not any(ID in location for location in locations)


def test_an_association_with_the_prototype_s_id_still_gets_its_page(tmp_path):
    root = write_site(tmp_path / "kollisjon", {f"data/organizations/{ID}.yaml": org("Laget med det rare navnet", "Vi finnes.")})
    out = tmp_path / "ut"
    assert mkdocs_build(root, out).returncode == 0
    html = (out / "organisasjoner" / ID / "index.html").read_text(encoding="utf-8")
    assert "<h1>Laget med det rare navnet</h1>" in html
    assert not any(path.name.startswith(f"{ID}-") for path in (out / "organisasjoner").iterdir())


def test_a_sitemap_over_the_protocol_s_limit_becomes_an_index_of_files(site):
    """A national catalogue passes the 50,000 addresses one sitemap may hold (here: a limit of 2)."""
    import xml.etree.ElementTree as ET

    from frivilligkatalogen.build.stamping import split_sitemap

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert split_sitemap(sitemap, "https://katalog.test/") == {"sitemap.xml": sitemap}
    files = split_sitemap(sitemap, "https://katalog.test/", limit=2)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(files.pop("sitemap.xml").encode("utf-8"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert parts == [f"https://katalog.test/sitemap-{n}.xml" for n in range(1, len(files) + 1)]
    found = []
    for name in sorted(files, key=lambda name: int(name[8:-4])):
        urlset = ET.fromstring(files[name].encode("utf-8"))
        entries = [loc.text for loc in urlset.findall("s:url/s:loc", ns)]
        assert 1 <= len(entries) <= 2
        found += entries
    assert found == locations
