"""The guidance pages: all there, linked soundly, numbers from the data, in the project's own words."""

from __future__ import annotations

import posixpath
import re
from datetime import date, timedelta

import yaml

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO
from htmlscan import Scan

TODAY = date(2026, 11, 22)
PAGES = [
    "", "veiledning/", "veiledning/frivillighetspolitikk/", "veiledning/lokaler/", "veiledning/tilskudd/",
    "veiledning/moteplasser/", "veiledning/arshjul/", "veiledning/allemed/", "veiledning/samskaping/",
    "veiledning/start-et-lag/", "om-katalogen/", "personvern/",
]
PROPER_NAMES = ["nasjonal dugnad mot fattigdom og utenforskap blant barn og unge"]


def text_of(site, url):
    return Scan((site / url / "index.html").read_text(encoding="utf-8")).text


def test_every_guidance_page_exists_in_norwegian(example_site):
    for url in PAGES:
        html = (example_site / url / "index.html").read_text(encoding="utf-8")
        assert '<html lang="nb"' in html
        assert len(Scan(html).text) > 800, url


def test_every_internal_link_and_anchor_resolves(example_site):
    ids: dict = {}

    def anchors(path):
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    checked = 0
    for page in example_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        here = page.parent.relative_to(example_site).as_posix()
        for href in Scan(page.read_text(encoding="utf-8")).links():
            if not href or href.startswith(("http://", "https://", "webcal://", "mailto:", "tel:")):
                continue
            target, _, anchor = href.partition("#")
            if target:
                resolved = example_site / posixpath.normpath(posixpath.join(here, target))
                file = resolved / "index.html" if resolved.is_dir() else resolved
            else:
                file = page
            assert file.exists(), f"{page}: {href}"
            if anchor and file.suffix == ".html":
                assert anchor in anchors(file), f"{page}: {href} (no id {anchor})"
            checked += 1
    assert checked > 1000


def test_numbers_about_the_catalogue_come_from_the_data(example_site):
    catalog = load_catalog(read_site_settings(REPO))
    active = [o for o in catalog.organizations.values() if o.is_active]
    activities = sum(len(o.activities or []) for o in active)
    sentence = f"Katalogen har nå {len(active)} lag og foreninger, {len(catalog.venues)} lokaler og {activities} aktiviteter."
    assert sentence in text_of(example_site, "") and sentence in text_of(example_site, "veiledning/")
    for source in (REPO / "content").rglob("*.md"):
        typed = re.findall(r"\b\d+\s+(?:lag|foreninger|organisasjoner|lokaler|aktiviteter|tilskudd|søknadsfrister)\b", source.read_text(encoding="utf-8"))
        assert typed == [], f"{source}: {typed}"


def test_live_lists_on_guidance_pages(example_site):
    catalog = load_catalog(read_site_settings(REPO))
    venues = text_of(example_site, "veiledning/lokaler/")
    for venue in catalog.venues.values():
        free = bool(venue.booking and venue.booking.free_for_volunteers)
        assert (venue.name in venues) == free, venue.id
    grants = text_of(example_site, "veiledning/tilskudd/")
    assert all(grant.name in grants for grant in catalog.grants.values())
    meetings = text_of(example_site, "veiledning/moteplasser/")
    assert all(m.title in meetings for m in catalog.meeting_places.meeting_places if m.date >= TODAY)


def test_annual_wheel_in_date_order_with_deadlines_and_meeting_places(example_site):
    catalog = load_catalog(read_site_settings(REPO))
    html = (example_site / "veiledning/arshjul/index.html").read_text(encoding="utf-8")
    wheel = html[html.index('class="katalog-wheel"'):]
    days = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', wheel)
    assert days == sorted(days)
    text = re.sub(r"\s+", " ", Scan(wheel).text)
    horizon = TODAY + timedelta(days=365)
    for grant in catalog.grants.values():
        for deadline in grant.deadlines:
            if TODAY <= deadline <= horizon:
                assert f"Søknadsfrist – {grant.name}" in text  # its kind said once
    assert "Søknadsfrist – Søknadsfrist" not in text and "Søknadsfrist: " not in text
    for meeting in catalog.meeting_places.meeting_places:
        assert meeting.title in text
    assert "Frivillighetsdagen" in text
    assert "arshjul.ics" in html


def test_no_sentence_comes_from_a_seed():
    seeds = REPO.parent / "shared" / "seeds"
    if not seeds.is_dir():
        import pytest

        pytest.skip("the seed documents are not beside this checkout")

    def words(text):
        text = text.lower()
        for name in PROPER_NAMES:
            text = text.replace(name, " ")
        return re.findall(r"[a-zæøåé0-9]+", text)

    def runs(tokens, size=8):
        return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}

    seed_runs = set()
    for seed in seeds.glob("0*.txt"):
        seed_runs |= runs(words(seed.read_text(encoding="utf-8")))
    for page in (REPO / "content").rglob("*.md"):
        shared = runs(words(page.read_text(encoding="utf-8"))) & seed_runs
        assert not shared, f"{page}: {sorted(shared)[:3]}"


def test_navigation_has_at_most_seven_top_items():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert len(config["nav"]) <= 7


def test_front_page_leads_to_activities_and_registration(example_site):
    html = (example_site / "index.html").read_text(encoding="utf-8")
    scan = Scan(html)
    assert '<form class="katalog-front-search" role="search" action="sok/"' in html
    assert "Idrett (" in scan.text.replace("Idrett</a> (", "Idrett (") or re.search(r"Idrett</a>\s*\(\d+\)", html)
    assert "Dette skjer de neste dagene" in scan.text and "Kommende søknadsfrister" in scan.text
    assert "veiledning/start-et-lag/" in scan.links()


def test_a_badly_written_campaign_stops_the_build_with_a_message(tmp_path):
    from conftest import SITE_CONFIG, mkdocs_build, write_site

    config = SITE_CONFIG.replace("      municipality: Testkommune\n", "      municipality: Testkommune\n      campaigns: [{name: Frivillighetsdagen, date: 5. desember}]\n")
    write_site(tmp_path, {}, config=config)
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "Kampanjen" in result.stderr and "MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
