"""The example municipality builds into a site with a page for every association, venue and category."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO
from htmlscan import Scan


@pytest.fixture(scope="module")
def catalog():
    settings = read_site_settings(REPO)
    loaded = load_catalog(settings)
    assert loaded.ok, loaded.problems
    return loaded


def page(site: Path, url: str) -> Scan:
    return Scan((site / url / "index.html").read_text(encoding="utf-8"))


def primary_nav(html: str) -> str:
    """The site navigation: everything from the primary nav to the start of the content."""
    start = html.index("md-nav--primary")
    return html[start: html.index('<div class="md-content"', start)]


def test_example_has_the_promised_size(catalog):
    assert len(catalog.organizations) >= 30
    assert len(catalog.venues) >= 10
    assert len({code for org in catalog.organizations.values() for code in org.categories}) >= 10


def test_every_association_and_venue_has_a_page_out_of_the_nav(example_site, catalog):
    about = (example_site / "om-katalogen/index.html").read_text(encoding="utf-8")
    nav = primary_nav(about)
    for org_id, org in catalog.organizations.items():
        scan = page(example_site, f"organisasjoner/{org_id}")
        assert org.name in scan.text
        assert f"organisasjoner/{org_id}/" not in nav
    for venue_id, venue in catalog.venues.items():
        scan = page(example_site, f"lokaler/{venue_id}")
        assert venue.name in scan.text
        assert f"lokaler/{venue_id}/" not in nav
    assert 'href="../organisasjoner/"' in nav and 'href="../lokaler/"' in nav


def test_directory_lists_active_first_and_inactive_apart(example_site, catalog):
    html = (example_site / "organisasjoner/index.html").read_text(encoding="utf-8")
    inactive_at = html.index("Ikke aktive for tiden")
    closed_at = html.index(">Nedlagt<")
    for org in catalog.organizations.values():
        link = f'href="{org.id}/"'
        assert link in html, org.id
        position = html.index(link)
        if org.status == "active":
            assert position < inactive_at
        elif org.status == "inactive":
            assert inactive_at < position < closed_at
        else:
            assert position > closed_at
        if org.summary:
            assert Scan(org.summary).text in Scan(html).text


def test_association_page_shows_the_contract(example_site, catalog):
    org = catalog.organizations["lindvik-skolekorps"]
    scan = page(example_site, "organisasjoner/lindvik-skolekorps")
    text = scan.text
    assert "Tirsdager 18:00–20:00, 1. sep. 2026–27. apr. 2027" in text
    assert "+47 55 70 33 10" in text
    assert "tel:+4755703310" in scan.links()
    assert "mailto:post@lindvik-skolekorps.no" in scan.links()
    assert "https://virksomhet.brreg.no/nb/oppslag/enheter/899603087" in scan.links()
    assert "Sist bekreftet 1. september 2026" in text
    assert "Kontingenten kan reduseres" in text
    for code in org.categories:
        assert category_name(code) in text
    assert "../../lokaler/lindvik-skole/" in scan.links()
    assert "Kari Nordmann, leder" in text
    assert "ikke aktivt" not in text and "ikke bekreftet" not in text


def test_stale_and_inactive_entries_carry_a_visible_note(example_site, catalog):
    for org in catalog.organizations.values():
        text = page(example_site, f"organisasjoner/{org.id}").text
        assert ("ikke bekreftet på over 365 dager" in text) == catalog.is_stale(org.verified), org.id
        if org.status == "inactive":
            assert "Laget er ikke aktivt for tiden." in text
        if org.status == "closed":
            assert "Laget er nedlagt." in text
    assert sum(catalog.is_stale(o.verified) for o in catalog.organizations.values()) >= 1


def test_every_link_inside_the_site_resolves(example_site):
    for html_file in example_site.rglob("*.html"):
        if html_file.name == "404.html":  # served at any address, so MkDocs gives it root-relative links
            continue
        scan = Scan(html_file.read_text(encoding="utf-8"))
        here = html_file.parent.relative_to(example_site).as_posix()
        for href in scan.links():
            if not href or href.startswith(("http://", "https://", "webcal://", "mailto:", "tel:", "#")):
                continue
            target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
            path = example_site / target
            assert path.exists() and (path.is_file() or (path / "index.html").exists()), f"{html_file}: {href}"


def test_times_of_every_activity_are_in_words(example_site, catalog):
    for org in catalog.organizations.values():
        text = page(example_site, f"organisasjoner/{org.id}").text
        for activity in org.activities or []:
            assert activity.title in text
            if activity.cancelled:
                assert "Aktiviteten er avlyst." in text
            assert re.search(r"\d{1,2}\. (jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)\.? 20\d\d", text)


def test_venue_page_lists_who_uses_it(example_site, catalog):
    for venue_id in catalog.venues:
        organizations, activities = catalog.users_of_venue(venue_id)
        text = page(example_site, f"lokaler/{venue_id}").text
        for org in organizations:
            assert org.name in text
        for org, activity in activities:
            assert activity.title in text
        assert ("Ingen lag har oppgitt" in text) == (not organizations and not activities)
    free = [v for v in catalog.venues.values() if v.booking and v.booking.free_for_volunteers]
    listing = (example_site / "lokaler/index.html").read_text(encoding="utf-8")
    assert listing.count('<p class="katalog-card__flag">Gratis for frivillige lag</p>') == len(free)


def test_each_used_category_has_its_page(example_site, catalog):
    for code, organizations in catalog.organizations_by_category().items():
        scan = page(example_site, f"kategorier/{code}")
        assert category_name(code) in scan.title
        listed = [h for h in scan.links() if h.startswith("../../organisasjoner/") and h.count("/") == 4]
        assert sorted(listed) == sorted(f"../../organisasjoner/{o.id}/" for o in organizations)


def test_edit_link_opens_the_yaml_file(example_site):
    scan = page(example_site, "organisasjoner/lindvik-il")
    assert "https://github.com/lindvik-kommune/frivilligkatalogen/edit/main/data/organizations/lindvik-il.yaml" in scan.links()
    venue = page(example_site, "lokaler/lindvikhallen")
    assert "https://github.com/lindvik-kommune/frivilligkatalogen/edit/main/data/venues/lindvikhallen.yaml" in venue.links()


def test_breadcrumbs_and_active_tab_lead_back_to_the_directory(example_site):
    html = (example_site / "organisasjoner/lindvik-il/index.html").read_text(encoding="utf-8")
    path = html[html.index('class="md-path"'):]
    path = path[: path.index("</nav>")]
    assert "Organisasjoner" in Scan(path).text
    active_tab = re.search(r'md-tabs__item md-tabs__item--active">\s*<a href="([^"]+)"', html)
    assert active_tab and active_tab.group(1) == "../"


def test_page_language_is_norwegian(example_site):
    html = (example_site / "organisasjoner/index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in html
