"""In Chromium, on the built example: the search finds an association by a later part of a
compound in its name, summary, tags or categories ("korps" → "skolekorps"), and a word that is
no part of any compound finds what it found before the parts were indexed, nothing more.

"Before" is an index Pagefind builds from the same pages with the hidden parts taken out; it is
compared with one built the same way from the pages as they are."""

from __future__ import annotations

import re
import shutil

import pytest

from browser import SiteServer
from conftest import REPO
from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.build.search_index import NEVER_INDEXED_FOLDERS, SearchIndex
from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.model.categories import category_name

PARTS = re.compile(r'<p hidden data-pagefind-weight="0\.5">[^<]*</p>')
PREFIX = "/frivilligkatalogen/"
SEARCH = """async (query) => {
    const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
    await pagefind.options({ baseUrl: "/", noWorker: true });
    const search = await pagefind.search(query);
    const pages = await Promise.all(search.results.map((result) => result.data()));
    return pages.map((page) => page.url);
}"""


@pytest.fixture(scope="module")
def associations():
    return list(load_catalog(read_site_settings(REPO)).organizations.values())


def ending_in(word: str, associations) -> set[str]:
    """Addresses of the associations whose name, summary, tags or category names hold a word that
    ends in ``word`` (with a definite or plural ending) and is longer: a compound ending in it."""
    compound = re.compile(rf"\w{word}(?:a|ane|ar|en|ene|er|et)?\b")
    found = set()
    for org in associations:
        texts = [org.name, org.summary or "", *(org.tags or []), *map(category_name, org.categories)]
        if any(compound.search(text.lower()) for text in texts):
            found.add(f"/organisasjoner/{org.id}/")
    return found


def searched(page, query: str) -> set[str]:
    return set(page.evaluate(SEARCH, query))


@pytest.fixture(scope="module")
def indexes(example_site, tmp_path_factory):
    """Two copies of the example's pages, each with an index of its own: "with" as published,
    "without" with the compound parts taken out. Served on one server."""
    root = tmp_path_factory.mktemp("compound-search")
    for name in ("with", "without"):
        site = root / name
        for page in example_site.rglob("*.html"):
            relative = page.relative_to(example_site)
            if relative.parts[0] in NEVER_INDEXED_FOLDERS or relative.parts[0] == "en":
                continue
            html = page.read_text(encoding="utf-8")
            if name == "without":
                html = PARTS.sub("", html)
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_text(html, encoding="utf-8")
        (site / "probe.html").write_text('<!doctype html><html lang="nb"><title>probe</title></html>')
        SearchIndex(site).finish(skip=())
    server = SiteServer(root, prefix="/")
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def probe(browser, indexes):
    pages = {}
    for name in ("with", "without"):
        page = browser.new_page()
        page.goto(f"{indexes}{name}/probe.html")
        pages[name] = page
    yield pages
    for page in pages.values():
        page.close()


def organizations(urls: set[str]) -> set[str]:
    return {url for url in urls if url.startswith("/organisasjoner/")}


def test_the_example_has_the_hidden_parts_only_where_compounds_are(example_site):
    html = (example_site / "organisasjoner/lindvik-rode-kors-hjelpekorps/index.html").read_text(encoding="utf-8")
    assert "korps" in PARTS.search(html).group(0).split(">")[1].split()
    html = (example_site / "organisasjoner/lindvik-il/index.html").read_text(encoding="utf-8")
    assert "skole" not in " ".join(PARTS.findall(html))


@pytest.mark.parametrize(
    ("word", "compounds"),
    [
        ("korps", {"lindvik-skolekorps", "lindvik-rode-kors-hjelpekorps", "lindvik-veteranmusikkorps"}),
        ("klubb", {"lindvik-sjakklubb", "lindvik-danseklubb", "lindvik-bridgeklubb", "lindvik-esport"}),
    ],
)
def test_a_later_part_finds_exactly_the_compounds_that_end_in_it(browser, served_example, probe, associations, word, compounds):
    expected = ending_in(word, associations)
    assert {f"/organisasjoner/{name}/" for name in compounds} <= expected
    before = organizations(searched(probe["without"], word))
    assert not expected <= before, "the example no longer shows what the parts add"
    # On the published example, through the search page's own script.
    page = browser.new_page()
    try:
        page.goto(served_example + "sok/?q=" + word)
        page.wait_for_selector("#katalog-sok-treff[data-settled]")
        more = page.locator("#katalog-sok-flere")
        while more.is_visible():  # every result, ten at a time
            shown = page.locator("#katalog-sok-treff > li").count()
            more.click()
            page.wait_for_function(f"() => document.querySelectorAll('#katalog-sok-treff > li').length > {shown}")
        links = page.eval_on_selector_all("#katalog-sok-treff h2 a", "links => links.map(a => new URL(a.href).pathname)")
        status = page.locator("#katalog-sok-status").inner_text()
    finally:
        page.close()
    found = {link.removeprefix(PREFIX.rstrip("/")) for link in links}
    assert organizations(found) == expected | before
    assert status == f"{len(links)} treff for «{word}»"


@pytest.mark.parametrize("word", ["fotball", "gaming", "trampoline", "kaffe", "bibliotek", "utslag", "swing"])
def test_a_word_that_is_no_part_of_a_compound_finds_nothing_new(probe, word):
    before = searched(probe["without"], word)
    after = searched(probe["with"], word)
    assert after == before, (sorted(after - before), sorted(before - after))


def test_the_parts_add_results_for_a_part_and_keep_the_old_ones(probe):
    for word in ("korps", "klubb", "lag"):
        before = searched(probe["without"], word)
        after = searched(probe["with"], word)
        assert before <= after and after - before, word
