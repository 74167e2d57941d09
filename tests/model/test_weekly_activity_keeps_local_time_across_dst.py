"""A weekly 18:00 activity is at 18:00 in Oslo all season in any client; holidays and exceptions drop out."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.model.public_holidays import easter_sunday, public_holidays
from frivilligkatalogen.model.schedule import occurrences
from frivilligkatalogen.base.config_file import read_site_settings

from calendar_site import build_feeds, make_site

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("dst"))
    return root, build_feeds(root)


def expanded(feeds, prefix, start=date(2026, 8, 1), end=date(2027, 8, 1)):
    calendar = icalendar.Calendar.from_ical(feeds["kalender/organisasjoner/klubben.ics"])
    return [e for e in recurring_ical_events.of(calendar).between(start, end) if str(e["UID"]).startswith(prefix)]


def test_weekly_1800_stays_1800_on_both_sides_of_both_changes(site):
    _, feeds = site
    events = expanded(feeds, "klubben/trening/")
    starts = [e["DTSTART"].dt for e in events]
    assert all(s.astimezone(OSLO).time() == time(18, 0) for s in starts)
    days = {s.astimezone(OSLO).date() for s in starts}
    assert {date(2026, 10, 20), date(2026, 10, 27), date(2027, 3, 23), date(2027, 3, 30)} <= days
    offsets = {s.astimezone(OSLO).date(): s.utcoffset() for s in starts}
    assert offsets[date(2026, 10, 20)].total_seconds() == 7200 and offsets[date(2026, 10, 27)].total_seconds() == 3600
    assert offsets[date(2027, 3, 23)].total_seconds() == 3600 and offsets[date(2027, 3, 30)].total_seconds() == 7200


def test_except_school_holidays_and_public_holidays_have_no_session(site):
    _, feeds = site
    days = {e["DTSTART"].dt.astimezone(OSLO).date() for e in expanded(feeds, "klubben/trening/")}
    assert date(2026, 11, 10) not in days  # except
    assert date(2026, 10, 6) not in days  # høstferie
    assert date(2026, 12, 22) not in days and date(2026, 12, 29) not in days  # juleferie
    assert date(2027, 2, 23) not in days  # vinterferie
    assert date(2026, 9, 1) in days and date(2027, 4, 27) in days  # first and last
    thursdays = {e["DTSTART"].dt.astimezone(OSLO).date() for e in expanded(feeds, "klubben/torsdag/")}
    assert date(2027, 5, 6) not in thursdays  # Kristi himmelfartsdag on a Thursday
    assert date(2027, 4, 29) in thursdays and date(2027, 5, 13) in thursdays


def test_one_off_event_on_a_public_holiday_is_kept(site):
    _, feeds = site
    events = expanded(feeds, "klubben/arrangement/")
    assert datetime(2027, 5, 17, 10, 0, tzinfo=OSLO) in [e["DTSTART"].dt for e in events]


def test_public_holiday_kept_when_the_rule_says_so(site):
    _, feeds = site
    days = {e["DTSTART"].dt.astimezone(OSLO).date() for e in expanded(feeds, "klubben/siste/")}
    assert date(2026, 12, 31) in days and date(2027, 3, 25) in days  # siste torsdag; skjærtorsdag kept
    assert all((d.replace(day=28) + (d - d)).month == d.month for d in days)


def test_feed_expansion_equals_the_recurrence_module(site):
    """The feeds and every page read one recurrence module: a client gets exactly its dates."""
    root, feeds = site
    settings = read_site_settings(root)
    catalog = load_catalog(settings)
    org = catalog.organizations["klubben"]
    start, end = date(2026, 8, 1), date(2027, 8, 1)
    for activity in org.activities:
        ours = {o.start for o in occurrences(org, activity, catalog.holidays, start, end)}
        theirs = set()
        for event in expanded(feeds, f"klubben/{activity.id}/", start, end):
            value = event["DTSTART"].dt
            theirs.add(value.astimezone(OSLO).replace(tzinfo=None) if isinstance(value, datetime) else datetime.combine(value, time()))
        assert ours == theirs, activity.id


def test_every_other_week_counts_from_the_first_session(site):
    root, _ = site
    catalog = load_catalog(read_site_settings(root))
    org = catalog.organizations["klubben"]
    activity = next(a for a in org.activities if a.id == "annenhver")
    days = [o.start.date() for o in occurrences(org, activity, catalog.holidays, date(2026, 9, 1), date(2026, 9, 30))]
    assert days == [date(2026, 9, 4), date(2026, 9, 16), date(2026, 9, 18), date(2026, 9, 30)]


@pytest.mark.parametrize("year, easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25))])
def test_easter_and_the_moving_holidays(year, easter):
    assert easter_sunday(year) == easter
    days = public_holidays(year)
    assert len(days) >= 11
    assert {date(year, 1, 1), date(year, 5, 1), date(year, 5, 17), date(year, 12, 25), date(year, 12, 26)} <= set(days)
    from datetime import timedelta

    for offset in (-3, -2, 0, 1, 39, 49, 50):
        assert easter + timedelta(days=offset) in days
