"""Every generated feed is valid RFC 5545, read by two independent parsers, right to the byte."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from frivilligkatalogen.views.ical import oslo_timezone

from calendar_site import build_feeds, make_site


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    return build_feeds(make_site(tmp_path_factory.mktemp("feeds")))


def test_example_feeds_parse_in_icalendar_and_ical(example_site):
    files = sorted(example_site.joinpath("kalender").rglob("*.ics"))
    assert len(files) > 40
    for path in files:
        raw = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(raw)
        assert calendar.get("version") == "2.0", path
        IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))


def test_feed_set_follows_the_contract(feeds):
    assert {"kalender/alle.ics", "kalender/frister.ics", "kalender/organisasjoner/klubben.ics", "kalender/lokaler/hallen.ics", "kalender/kategorier/1200.ics"} <= set(feeds)
    assert "kalender/organisasjoner/nedlagt.ics" not in feeds, "closed associations have no feed"
    assert b"Gammelt m" not in feeds["kalender/alle.ics"]


def test_raw_bytes(feeds):
    calendars = {path: raw for path, raw in feeds.items() if path.endswith(".ics")}
    assert len(calendars) > 5
    for path, raw in calendars.items():
        assert not raw.startswith(b"\xef\xbb\xbf"), path
        raw.decode("utf-8")
        assert raw.endswith(b"\r\n"), path
        assert b"\n" not in raw.replace(b"\r\n", b""), f"{path}: bare LF"
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, f"{path}: {line!r}"
        assert b"METHOD:" not in raw


def test_text_round_trips(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("klubben/trening/"))
    assert str(event["SUMMARY"]) == "Trening: æøå, ; \\ og mer – Klubben"
    assert "Første linje\nAndre linje med æøå, komma; semikolon og \\ skråstrek" not in str(event["DESCRIPTION"])  # description is the wording, not raw markdown
    assert "Klubben\nTirsdager 18:00–20:00" in str(event["DESCRIPTION"])
    stream = IcsCalendarStream.calendar_from_ics(feeds["kalender/organisasjoner/klubben.ics"].decode())
    summaries = {e.summary for e in stream.events}
    assert "Trening: æøå, ; \\ og mer – Klubben" in summaries


def test_calendar_properties_for_subscribers(feeds):
    raw = feeds["kalender/alle.ics"].decode()
    assert "X-WR-TIMEZONE:Europe/Oslo\r\n" in raw
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in raw
    assert "X-PUBLISHED-TTL:PT12H\r\n" in raw
    assert "X-WR-CALNAME:" in raw


def test_recurring_activity_is_one_event_with_rrule_and_exdate(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    weekly = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("klubben/trening/")]
    assert len(weekly) == 1
    raw = weekly[0].to_ical().decode()
    assert "DTSTART;TZID=Europe/Oslo:20260901T180000" in raw
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270427T160000Z;BYDAY=TU;WKST=MO" in raw
    assert "EXDATE;TZID=Europe/Oslo:" in raw and "20261110T180000" in raw.replace("\r\n ", "")
    assert weekly[0]["LOCATION"] == "Hallen, Hallveien 1, 5700 Lindvik"
    assert weekly[0]["GEO"].latitude == 60.45
    assert str(weekly[0]["URL"]) == "https://katalog.lindvik.no/organisasjoner/klubben/#aktivitet-trening"
    assert weekly[0]["UID"] == "klubben/trening/regel-1@katalog.lindvik.no"


def test_cancelled_activity_and_cancelled_date_stay_as_cancelled(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    by_uid = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert by_uid["klubben/avlyst/regel-1@katalog.lindvik.no"]["STATUS"] == "CANCELLED"
    assert by_uid["klubben/arrangement/20261213T1700@katalog.lindvik.no"]["STATUS"] == "CANCELLED"
    assert by_uid["klubben/arrangement/20270517T1000@katalog.lindvik.no"]["STATUS"] == "CONFIRMED"


def test_all_day_event_has_exclusive_end(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == "klubben/arrangement/20270306@katalog.lindvik.no")
    assert event["DTSTART"].dt == date(2027, 3, 6) and event["DTEND"].dt == date(2027, 3, 8)


def test_grant_deadlines_feed(feeds):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/frister.ics"])
    events = calendar.walk("VEVENT")
    assert sorted(e["DTSTART"].dt for e in events) == [date(2027, 3, 15), date(2027, 9, 15)]
    assert all(str(e["SUMMARY"]) == "Søknadsfrist: Kulturmidler" for e in events)


def test_vtimezone_matches_zoneinfo_hour_by_hour():
    zone = oslo_timezone()
    raw = zone.to_ical().decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in raw and "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in raw
    assert "RDATE" not in raw
    parsed = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + zone.to_ical() + b"END:VCALENDAR\r\n")
    ours = parsed.walk("VTIMEZONE")[0].to_tz()
    oslo = ZoneInfo("Europe/Oslo")
    moment = datetime(2026, 1, 1, tzinfo=timezone.utc)
    while moment < datetime(2029, 1, 1, tzinfo=timezone.utc):
        assert moment.astimezone(ours).utcoffset() == moment.astimezone(oslo).utcoffset(), moment
        moment += timedelta(hours=1)


def test_two_builds_give_identical_bytes(tmp_path):
    root = make_site(tmp_path)
    assert build_feeds(root) == build_feeds(root)


def test_feeds_are_built_from_components_that_read_back():
    """An activity's events are icalendar components; a feed made of them reads back with the same
    events, their details included, and each event is serialised once however many feeds hold it."""
    from conftest import REPO
    from frivilligkatalogen.base.config_file import read_site_settings
    from frivilligkatalogen.catalog import load_catalog
    from frivilligkatalogen.catalog.history import read_history
    from frivilligkatalogen.views.feeds import FeedBuilder

    catalog = load_catalog(read_site_settings(REPO))
    builder = FeedBuilder(catalog, read_history(catalog.settings.root, catalog.settings.data_dir))
    org = catalog.organizations["lindvik-sjakklubb"]
    events = builder.activity_events(org, org.activities[0])
    assert events and all(isinstance(event, icalendar.Event) for event in events)
    items = builder.feed_items(org, org.activities[0])
    assert builder.feed_items(org, org.activities[0]) is items  # serialised once, for every feed
    assert [icalendar.Event.from_ical(item.ical)["uid"] for item in items] == [event["uid"] for event in events]
    first = builder.calendar("A", "a", events)
    again = builder.calendar("B", "b", builder.organization_items([org]))
    read = icalendar.Calendar.from_ical(again)
    uids = sorted(str(event["uid"]) for event in read.walk("VEVENT"))
    assert uids == sorted(str(event["uid"]) for activity in org.activities for event in builder.activity_events(org, activity))
    back = next(event for event in read.walk("VEVENT") if str(event["uid"]) == str(events[0]["uid"]))
    assert str(back["summary"]) == f"{org.activities[0].title} – {org.name}" and back["sequence"] == events[0]["sequence"]
    assert icalendar.Calendar.from_ical(first).walk("VTIMEZONE")[0]["tzid"] == "Europe/Oslo"
