"""A parent on a phone filters the directory: categories, age, weekday, price; the link can be shared."""

from __future__ import annotations

import re

import pytest

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.base.config_file import read_site_settings

from browser import RESULT, wait_for_search
from conftest import REPO

DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


@pytest.fixture(scope="module")
def active():
    catalog = load_catalog(read_site_settings(REPO))
    return [org for org in catalog.organizations.values() if org.is_active]


@pytest.fixture
def directory(browser, served_example):
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(served_example + "organisasjoner/")
    page.wait_for_selector("#katalog-filter:not([hidden])")
    yield page
    page.close()


def visible_ids(page) -> set[str]:
    hrefs = page.eval_on_selector_all("#katalog-liste > li:not([hidden]) h3 a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("/") for href in hrefs}


def tick(page, group: str, label: str):
    details = page.locator(f'details:has(input[name="{group}"])')
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.get_by_label(re.compile("^" + re.escape(label) + r" \(")).check()


def days_of(org) -> set[str]:
    found = set()
    for activity in org.activities or []:
        if activity.cancelled:
            continue
        for rule in activity.schedule or []:
            found |= set(rule.days)
        for item in activity.dates or []:
            if not item.cancelled:
                found.add(WEEKDAYS[(item.date if item.is_all_day else item.start.date()).weekday()])
    return found


def age_fits(org, age: int) -> bool:
    audiences = [a for a in [org.audience, *[x.audience for x in org.activities or []]] if a and (a.age_min is not None or a.age_max is not None)]
    return not audiences or any(a.holds_age(age) for a in audiences)


def test_ticking_a_category_shows_exactly_its_associations(directory, active):
    tick(directory, "kategori", "Idrett")
    expected = {org.id for org in active if 1200 in org.categories}
    assert visible_ids(directory) == expected
    assert directory.locator("#katalog-antall").inner_text() == f"{len(expected)} organisasjoner"
    assert directory.locator("#katalog-antall").get_attribute("aria-live") == "polite"


def test_filters_across_groups_intersect(directory, active):
    tick(directory, "kategori", "Barne- og ungdomsorganisasjoner")
    tick(directory, "dag", "tirsdag")
    expected = {org.id for org in active if 13100 in org.categories and "tue" in days_of(org)}
    assert expected and visible_ids(directory) == expected
    tick(directory, "pris", "Gratis")
    free = {org.id for org in active if any(a.price and a.price.is_free for a in org.activities or []) or (org.membership and org.membership.fee == 0)}
    assert visible_ids(directory) == expected & free


def test_age_nine_keeps_ranges_holding_nine_and_no_limit(directory, active):
    directory.get_by_label("Alder", exact=True).fill("9")
    expected = {org.id for org in active if age_fits(org, 9)}
    assert visible_ids(directory) == expected
    assert any(org.audience is None and not any(a.audience for a in org.activities or []) for org in active if org.id in expected)
    assert len(expected) < len(active)


def test_the_address_round_trips_the_state(browser, served_example, directory, active):
    tick(directory, "kategori", "Idrett")
    tick(directory, "dag", "onsdag")
    directory.get_by_label("Alder", exact=True).fill("12")
    url = directory.evaluate("location.href")
    assert "kategori=1200" in url and "dag=onsdag" in url and "alder=12" in url
    shown = visible_ids(directory)
    other = browser.new_page()
    other.goto(url)
    other.wait_for_selector("#katalog-filter:not([hidden])")
    assert visible_ids(other) == shown
    assert other.get_by_label(re.compile(r"^Idrett \(")).is_checked()
    assert other.get_by_label("Alder", exact=True).input_value() == "12"
    other.close()


def test_counts_per_option_follow_the_other_filters(directory, active):
    tick(directory, "dag", "lørdag")
    saturday = [org for org in active if "sat" in days_of(org)]
    count = directory.locator('[data-count="kategori:1200"]').text_content()
    assert count == f"({sum(1200 in org.categories for org in saturday)})"


def test_without_javascript_every_association_is_listed(browser, served_example, active):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_example + "organisasjoner/")
    assert page.locator("#katalog-filter").is_hidden()
    assert page.locator("#katalog-liste > li").count() == len(active)
    context.close()


def test_keyboard_alone_operates_the_filters(directory, active):
    summary = directory.locator('details:has(input[name="kategori"]) > summary')
    summary.focus()
    directory.keyboard.press("Enter")
    directory.keyboard.press("Tab")
    focused = directory.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    assert focused.startswith("kategori=")
    outline = directory.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    directory.keyboard.press("Space")
    code = int(focused.split("=")[1])
    assert visible_ids(directory) == {org.id for org in active if code in org.categories}
    directory.keyboard.press("Space")
    assert len(visible_ids(directory)) == len(active)


def test_full_text_search_finds_a_word_from_one_description(browser, served_example, active):
    # A word in exactly one association's description, and nowhere else in the catalogue.
    from collections import Counter

    words = Counter()
    for org in active:
        words.update({w.lower() for w in re.findall(r"[a-zæøå]{9,}", org.description or "", re.IGNORECASE)})
    everywhere = " ".join(" ".join(filter(None, [o.name, o.summary] + [a.title + " " + (a.description or "") for a in o.activities or []])) for o in active).lower()
    unique = sorted(w for w, n in words.items() if n == 1 and everywhere.count(w) == 0)
    assert unique
    word = unique[0]
    owner = next(org for org in active if word in (org.description or "").lower())
    page = browser.new_page()
    page.goto(served_example + "sok/?q=" + word)
    wait_for_search(page)
    titles = page.locator("#katalog-sok-treff h2").all_inner_texts()
    assert owner.name in titles
    page.close()


def test_header_search_form_leads_to_results(browser, served_example):
    page = browser.new_page()
    page.goto(served_example + "lokaler/")
    page.get_by_label("Søk i katalogen").first.fill("korps")
    page.keyboard.press("Enter")
    wait_for_search(page)
    assert "sok/?q=korps" in page.evaluate("location.href")
    assert "Lindvik skolekorps" in page.locator("#katalog-sok-treff h2").all_inner_texts()
    result = page.locator(RESULT, has_text="Lindvik skolekorps").first
    assert "Skolekorps for barn fra 3. klasse" in result.locator("p").inner_text()
    page.close()
