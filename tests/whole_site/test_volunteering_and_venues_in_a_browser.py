"""A resident looking for something to help with, and an association looking for a room: "Bli
frivillig" and the venue list, filtered in Chromium by label as a person does, with the state in
the address; without JavaScript every item stays listed. The open data and the feed carry the
tasks."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.base.i18n import strings
from frivilligkatalogen.catalog.loading import load_catalog

WORDS = strings("nb")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(read_site_settings(REPO))


@pytest.fixture(scope="module")
def tasks(catalog):
    """(association id, task title) of every task of an active association, read from the data."""
    return [(org.id, task.title, org, task) for org in catalog.organizations.values() if org.is_active for task in org.volunteering or []]


def listed_tasks(page) -> list[tuple[str, str]]:
    return [tuple(pair) for pair in page.eval_on_selector_all(
        "#katalog-liste > li",
        "items => items.map(li => [li.querySelector('.katalog-card__meta a').getAttribute('href').split('/').filter(Boolean).pop(), li.querySelector('h3').textContent.trim()])",
    )]


def listed_venues(page) -> set[str]:
    hrefs = page.eval_on_selector_all("#katalog-liste > li h3 a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("/").split("/")[-1] for href in hrefs}


def tick(page, group: str, label: str):
    details = page.locator(f'details:has([name="{group}"])')
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.get_by_label(re.compile("^" + re.escape(label) + r" \(")).check()


def open_filtered(browser, url: str):
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(url)
    page.wait_for_selector("#katalog-filter:not([hidden])")
    return page


def test_bli_frivillig_lists_exactly_the_tasks_of_the_active_associations(browser, served_example, tasks, catalog):
    page = browser.new_page(java_script_enabled=False)
    page.goto(served_example + "bli-frivillig/")
    assert sorted(listed_tasks(page)) == sorted((org_id, title) for org_id, title, _, _ in tasks)
    assert page.locator("#katalog-filter").is_hidden()  # without JavaScript: the whole list, no dead form
    inactive = [task.title for org in catalog.organizations.values() if not org.is_active for task in org.volunteering or []]
    assert not set(inactive) & {title for _, title in listed_tasks(page)}
    assert page.get_by_role("link", name=WORDS["page.volunteer_feed"]).count() == 1
    page.close()


def test_each_filter_of_bli_frivillig_narrows_the_list_and_the_address_keeps_it(browser, served_example, tasks):
    page = open_filtered(browser, served_example + "bli-frivillig/")
    seniors = {(o, title) for o, title, _, task in tasks if "seniors" in (task.suited_for or [])}
    tick(page, "passer", WORDS["volunteer_groups.seniors"])
    assert seniors and set(listed_tasks(page)) == seniors
    assert page.locator("#katalog-antall").inner_text() == WORDS["page.volunteer_count_other"].format(count=len(seniors))
    tick(page, "omrade", "Sentrum")
    both = {(o, title) for o, title, org, task in tasks if "seniors" in (task.suited_for or []) and org.area == "Sentrum"}
    assert both and both < seniors and set(listed_tasks(page)) == both
    assert "passer=seniors" in page.url and "omrade=Sentrum" in page.url
    shared = page.url
    page.close()
    again = open_filtered(browser, shared)
    assert set(listed_tasks(again)) == both
    again.close()
    page = open_filtered(browser, served_example + "bli-frivillig/")
    tick(page, "kategori", "Idrett")
    sport = {(o, title) for o, title, org, _ in tasks if 1200 in org.categories}
    assert sport and set(listed_tasks(page)) == sport
    young = {(o, title) for o, title, org, task in tasks if 1200 in org.categories and "youth" in (task.suited_for or [])}
    tick(page, "passer", WORDS["volunteer_groups.youth"])
    assert set(listed_tasks(page)) == young
    page.close()


def test_free_for_volunteers_and_room_for_40_shows_exactly_the_matching_venues(browser, served_example, catalog):
    page = open_filtered(browser, served_example + "lokaler/")
    assert listed_venues(page) == set(catalog.venues)
    tick(page, "gratis", WORDS["page.venues_free_note"])
    page.get_by_label(WORDS["page.venue_filter_capacity"]).fill("40")
    expected = {
        venue.id for venue in catalog.venues.values()
        if venue.booking and venue.booking.free_for_volunteers and venue.capacity is not None and venue.capacity >= 40
    }
    free = {venue.id for venue in catalog.venues.values() if venue.booking and venue.booking.free_for_volunteers}
    assert expected and expected < free
    page.wait_for_function(f"document.querySelectorAll('#katalog-liste > li').length === {len(expected)}")
    assert listed_venues(page) == expected
    assert page.locator("#katalog-antall").get_attribute("aria-live") == "polite"
    assert "plasser=40" in page.url and "gratis=ja" in page.url
    tick(page, "tilgang", WORDS["accessibility.wheelchair_accessible"])
    wheelchair = {v for v in expected if "wheelchair_accessible" in (catalog.venues[v].accessibility or [])}
    assert listed_venues(page) == wheelchair
    page.close()


def test_the_venue_area_and_type_filters_narrow_the_list(browser, served_example, catalog):
    page = open_filtered(browser, served_example + "lokaler/?omrade=Nordbygda")
    assert listed_venues(page) == {v.id for v in catalog.venues.values() if v.area == "Nordbygda"}
    tick(page, "type", WORDS["venue_types.community_house"])
    assert listed_venues(page) == {v.id for v in catalog.venues.values() if v.area == "Nordbygda" and v.type == "community_house"}
    page.close()


def test_the_open_data_and_the_feed_carry_the_tasks(example_site, tasks):
    document = json.loads((example_site / "data" / "frivillige-oppgaver.json").read_text(encoding="utf-8"))
    assert document["count"] == len(tasks)
    assert sorted((row["organization"], row["title"]) for row in document["records"]) == sorted((o, title) for o, title, _, _ in tasks)
    assert any(row["suited_for"] == ["seniors"] for row in document["records"])
    csv = (example_site / "data" / "frivillige-oppgaver.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv) == len(tasks) + 1 and csv[0].startswith("organisasjon;organisasjonsnavn;tittel")
    organizations = json.loads((example_site / "data" / "organisasjoner.json").read_text(encoding="utf-8"))["records"]
    assert sum(len(org["volunteering"]) for org in organizations) == len(tasks)
    feed = ET.parse(example_site / "bli-frivillig.xml").getroot()
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert sorted(titles) == sorted(f"{task.title} – {org.name}" for _, _, org, task in tasks)
    for item in feed.iter("item"):
        assert item.findtext("link").endswith("/#frivillig") and item.findtext("pubDate")
