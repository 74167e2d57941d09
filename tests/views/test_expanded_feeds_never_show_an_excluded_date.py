"""A calendar client that expands a feed as far as it likes (here to the end of 2035, with
recurring-ical-events) never shows a session on a date the data excludes: a public holiday where
the rule skips them, a school holiday where it skips those, or one of its ``except`` dates.

The public holidays are worked out here from Easter (dateutil), not by the code under test."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from dateutil.easter import easter

from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.catalog.loading import load_catalog

from calendar_site import STRICT, build_feeds, make_site
from conftest import REPO

FAR = date(2036, 1, 1)  # expanded up to and including 2035-12-31
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def norwegian_public_holidays(year: int) -> set[date]:
    sunday = easter(year)
    moving = {-3, -2, 0, 1, 39, 49, 50}  # skjærtorsdag … andre pinsedag
    fixed = {(1, 1), (5, 1), (5, 17), (12, 25), (12, 26)}
    return {sunday + timedelta(days=n) for n in moving} | {date(year, m, d) for m, d in fixed}


def shown_sessions(feeds: dict[str, bytes]):
    """(feed, UID, local date) of every expanded occurrence of every rule event in every feed."""
    for path, raw in sorted(feeds.items()):
        calendar = icalendar.Calendar.from_ical(raw)
        for event in recurring_ical_events.of(calendar).between(date(2026, 1, 1), FAR):
            uid = str(event["UID"])
            if "/regel-" in uid:
                start = event["DTSTART"].dt
                assert isinstance(start, datetime) and start.tzinfo is not None, uid
                yield path, uid, start.date()


def check_feeds(root, feeds: dict[str, bytes]) -> dict[str, list[date]]:
    """Asserts that no shown session falls on an excluded date; the dates shown, by UID."""
    catalog = load_catalog(read_site_settings(root))
    school = catalog.holidays.school_holidays
    assert school, "the test needs school holidays in the data"
    shown: dict[str, list[date]] = {}
    for path, uid, day in shown_sessions(feeds):
        org, activity_id, part = uid.split("@")[0].split("/")
        activity = next(a for a in catalog.organizations[org].activities if a.id == activity_id)
        rule = activity.schedule[int(part.removeprefix("regel-")) - 1]
        where = f"{path}: {uid} on {day}"
        assert WEEKDAY_NAMES[day.weekday()] in rule.days, where
        assert day not in (rule.exceptions or []), f"{where} is an except date"
        if rule.skip_public_holidays:
            assert day not in norwegian_public_holidays(day.year), f"{where} is a public holiday"
        if rule.skip_school_holidays:
            assert not any(h.first <= day <= h.until for h in school), f"{where} is a school holiday"
        shown.setdefault(uid, []).append(day)
    return shown


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("expand"), extra=STRICT)


def test_test_site_feeds_expanded_to_2035_show_no_excluded_date(strict_site):
    feeds = {p: raw for p, raw in build_feeds(strict_site).items() if p.endswith(".ics")}
    shown = check_feeds(strict_site, feeds)
    every_day = sorted(set(shown["fjordvik/morgentrim/regel-1@katalog.lindvik.no"]))
    # the open-ended rule runs to the horizon (31 December of the year after next) and stops there
    assert every_day[0] == date(2026, 11, 1) and every_day[-1] == date(2028, 12, 31)
    assert date(2028, 12, 24) in every_day and date(2028, 12, 25) not in every_day
    # a rule with a late `until` keeps its exceptions to the end: no Ascension Day 2030 (Thursday)
    thursdays = set(shown["fjordvik/torsdag/regel-1@katalog.lindvik.no"])
    assert max(thursdays) == date(2031, 6, 26) and date(2030, 5, 30) not in thursdays
    assert date(2030, 5, 23) in thursdays


def test_example_feeds_expanded_to_2035_show_no_excluded_date(example_site):
    feeds = {p.relative_to(example_site).as_posix(): p.read_bytes() for p in (example_site / "kalender").rglob("*.ics")}
    shown = check_feeds(REPO, feeds)
    assert sum(len(days) for days in shown.values()) > 1000
    assert max(day for days in shown.values() for day in days) >= date(2028, 12, 1)
