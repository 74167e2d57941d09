"""The activity calendar page shows exactly the feed's occurrences for the same eight weeks."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from htmlscan import Scan

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date(2026, 11, 22)  # SOURCE_DATE_EPOCH of the test builds


def page_occurrences(html: str) -> set[tuple[str, str]]:
    found = set()
    for match in re.finditer(r'<li class="katalog-occurrence[^"]*" data-activity="([^"]+)">\s*<time datetime="([^"]+)">', html):
        found.add((match.group(1), match.group(2)))
    return found


def feed_occurrences(raw: bytes, start: date, end: date) -> set[tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(raw)
    found = set()
    for event in recurring_ical_events.of(calendar).between(start, end):
        org, activity = str(event["UID"]).split("/")[:2]
        value = event["DTSTART"].dt
        stamp = value.astimezone(OSLO).strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value.isoformat()
        found.add((f"{org}/{activity}", stamp))
    return found


def test_activity_page_equals_feed_for_eight_weeks(example_site):
    html = (example_site / "aktiviteter/index.html").read_text(encoding="utf-8")
    shown = page_occurrences(html)
    expected = feed_occurrences((example_site / "kalender/alle.ics").read_bytes(), TODAY, TODAY + timedelta(weeks=8))
    assert len(shown) > 50
    assert shown == expected


def test_activity_page_shows_no_past_day_and_its_build_date(example_site):
    scan = Scan((example_site / "aktiviteter/index.html").read_text(encoding="utf-8"))
    assert "Oppdatert 22. november 2026." in scan.text
    days = re.findall(r'<h2 id="dag-(\d{4}-\d{2}-\d{2})"', (example_site / "aktiviteter/index.html").read_text(encoding="utf-8"))
    assert days and min(days) >= TODAY.isoformat() and max(days) < (TODAY + timedelta(weeks=8)).isoformat()
    assert days == sorted(days)
    assert "Gratis" in scan.text


def test_subscribe_page_links_every_feed(example_site):
    html = (example_site / "kalender/index.html").read_text(encoding="utf-8")
    scan = Scan(html)
    links = scan.links()
    feeds = sorted(p.relative_to(example_site).as_posix() for p in (example_site / "kalender").rglob("*.ics") if "/neste/" not in p.as_posix())
    linked = [feed for feed in feeds if feed[len("kalender/"):] in links]  # relative to /kalender/
    for feed in linked:
        assert "webcal://lindvik-kommune.github.io/frivilligkatalogen/" + feed in links, feed
    # the others have nothing coming and say so (test_subscribe_page_says_when_nothing_is_coming)
    assert len(linked) + html.count("Ingenting kommende i denne kalenderen.") == len(feeds)
    assert len(linked) > len(feeds) // 2
    for name in ("Google Kalender", "Apple Kalender", "Outlook"):
        assert name in scan.text


def test_association_page_has_next_dates_subscribe_and_add_links(example_site):
    html = (example_site / "organisasjoner/lindvik-skolekorps/index.html").read_text(encoding="utf-8")
    scan = Scan(html)
    assert "../../kalender/organisasjoner/lindvik-skolekorps.ics" in scan.links()
    assert "webcal://lindvik-kommune.github.io/frivilligkatalogen/kalender/organisasjoner/lindvik-skolekorps.ics" in scan.links()
    assert "Neste gang" in scan.text and "Tirsdag 24. nov. 2026 18:00–20:00" in scan.text
    single = "../../kalender/neste/lindvik-skolekorps--ovelse.ics"
    assert single in scan.links()
    event = icalendar.Calendar.from_ical((example_site / "kalender/neste/lindvik-skolekorps--ovelse.ics").read_bytes()).walk("VEVENT")[0]
    assert event["DTSTART"].dt == datetime(2026, 11, 24, 18, 0, tzinfo=OSLO)
    assert "RRULE" not in event


def test_venue_page_has_its_coming_dates_and_feed(example_site):
    scan = Scan((example_site / "lokaler/lindvik-skole/index.html").read_text(encoding="utf-8"))
    assert "../../kalender/lokaler/lindvik-skole.ics" in scan.links()
    assert "Det skjer her" in scan.text and "Korpsøvelse hovedkorps" in scan.text


def test_grants_page_and_front_page_deadlines(example_site):
    grants = Scan((example_site / "tilskudd/index.html").read_text(encoding="utf-8")).text
    front = Scan((example_site / "index.html").read_text(encoding="utf-8")).text
    assert "Kommende søknadsfrister" in grants
    assert "15. desember 2026" in grants and "15. desember 2026" in front
    assert "Dette skjer de neste dagene" in front and "katalog:" not in (example_site / "index.html").read_text(encoding="utf-8")


def test_json_ld_event_series_and_events(example_site):
    html = (example_site / "organisasjoner/lindvik-skolekorps/index.html").read_text(encoding="utf-8")
    [block] = Scan(html).data_blocks
    graph = json.loads(block)["@graph"]
    series = next(item for item in graph if item.get("name") == "Korpsøvelse hovedkorps")
    assert series["@type"] == "EventSeries"
    schedule = series["eventSchedule"][0]
    assert schedule["byDay"] == ["https://schema.org/Tuesday"] and schedule["startTime"] == "18:00:00"
    assert schedule["scheduleTimezone"] == "Europe/Oslo" and schedule["repeatFrequency"] == "P1W"
    event = series["subEvent"][0]
    assert event["@type"] == "Event" and event["startDate"] == "2026-11-24T18:00:00+01:00"
    assert event["location"]["address"]["postalCode"] == "5700"


def test_json_ld_names_the_association_and_the_venue(example_site):
    html = (example_site / "organisasjoner/lindvik-skolekorps/index.html").read_text(encoding="utf-8")
    graph = json.loads(Scan(html).data_blocks[0])["@graph"]
    ngo = next(item for item in graph if item.get("@type") == "NGO")
    assert ngo["name"] == "Lindvik skolekorps"
    assert ngo["identifier"] == {"@type": "PropertyValue", "propertyID": "organisasjonsnummer", "value": "899603087"}
    assert ngo["address"]["postalCode"] == "5700" and ngo["email"] == "post@lindvik-skolekorps.no"
    series = next(item for item in graph if item.get("@type") == "EventSeries")
    assert series["organizer"] == {"@id": ngo["@id"]}
    page = next(item for item in graph if item.get("@type") == "WebPage")
    assert page["inLanguage"] == "nb" and page["about"] == {"@id": ngo["@id"]}
    venue_graph = json.loads(Scan((example_site / "lokaler/lindvik-kulturhus/index.html").read_text(encoding="utf-8")).data_blocks[0])["@graph"]
    venue = next(item for item in venue_graph if item.get("@type") == "EventVenue")
    assert venue["maximumAttendeeCapacity"] == 320
    assert next(item for item in venue_graph if item.get("@type") == "WebPage")["about"] == {"@id": venue["@id"]}
    assert {"@type": "LocationFeatureSpecification", "name": "heis", "value": True} in venue["amenityFeature"]
    assert venue["geo"]["@type"] == "GeoCoordinates"


def _schedules(node):
    if isinstance(node, dict):
        if node.get("@type") == "Schedule":
            yield node
        for value in node.values():
            yield from _schedules(value)
    elif isinstance(node, list):
        for item in node:
            yield from _schedules(item)


def test_json_ld_schedules_use_only_documented_values(example_site):
    """schema.org documents byMonthWeek as 1–5 and Time as hh:mm:ss: a rule for "the last
    Sunday of the month" is given by its dates (subEvent), not by a value readers do not know."""
    schedules = [
        schedule
        for path in example_site.rglob("*.html")
        for block in Scan(path.read_text(encoding="utf-8")).data_blocks
        for schedule in _schedules(json.loads(block))
    ]
    assert len(schedules) > 20
    for schedule in schedules:
        assert re.fullmatch(r"[0-2][0-9]:[0-5][0-9]:[0-5][0-9]", schedule["startTime"]), schedule
        assert re.fullmatch(r"[0-2][0-9]:[0-5][0-9]:[0-5][0-9]", schedule["endTime"]), schedule
        assert schedule.get("byMonthWeek", 1) in range(1, 6), schedule
    assert any("byMonthWeek" in schedule for schedule in schedules)
    pensioners = Scan((example_site / "organisasjoner/lindvik-pensjonistforening/index.html").read_text(encoding="utf-8"))
    graph = json.loads(pensioners.data_blocks[0])["@graph"]
    assert any(item.get("@type") == "EventSeries" and item.get("subEvent") for item in graph)
