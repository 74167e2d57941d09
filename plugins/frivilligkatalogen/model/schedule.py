"""When activities happen: the one recurrence module.

Every view that shows dates (the activity calendar page, the feeds, the
association and venue pages, the embeds) asks this module. A recurrence rule
yields *candidates* (the dates its days, interval and week-of-month give between
``from`` and ``until``); a candidate is *excluded* by the rule's ``except``
dates, the school holidays when ``skip_school_holidays``, and Norwegian public
holidays unless ``skip_public_holidays: false``. The feeds write candidates as
an ``RRULE`` and exclusions as ``EXDATE``, so a calendar client that expands
them gets exactly :func:`occurrences`.

Times are wall-clock times in Europe/Oslo; datetimes here are naive local times.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from frivilligkatalogen.model import Activity, EventDate, Holidays, Organization, Rule
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.model.public_holidays import is_public_holiday

OSLO = ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class Occurrence:
    """One session or event of an activity."""

    organization: Organization
    activity: Activity
    start: datetime
    """Local start; for all-day events midnight of the first day."""
    end: datetime
    """Local end; for all-day events midnight after the last day (exclusive)."""
    all_day: bool
    cancelled: bool
    source: Rule | EventDate

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def key(self) -> tuple:
        """Identifies the occurrence across views (the calendar page, the feeds)."""
        return (self.organization.id, self.activity.id, self.start, self.all_day)


def horizon(today: date) -> date:
    """The last day the feeds describe: 31 December of the year after next.

    An open-ended rule (no ``until``) ends here in the feeds (a rolling ``UNTIL``), and its
    exclusions are listed up to here as ``EXDATE``: a client that expands it further would
    otherwise show the public and school holidays of later years. The nightly build moves it on
    each new year, so subscribers always see two to three years ahead."""
    return date(today.year + 2, 12, 31)


def rule_end(rule: Rule, today: date) -> date:
    """The last day a rule can have a session in the feeds: its ``until``, or the horizon."""
    return rule.until or horizon(today)


def first_candidate(rule: Rule) -> date | None:
    """The first date the rule's pattern gives on or after ``from`` (the feed's DTSTART)."""
    return next(
        iter(_pattern(rule, rule.first, rule.until or rule.first + timedelta(days=400))), None
    )


def candidates(rule: Rule, window_start: date, window_end: date) -> Iterator[date]:
    """Dates the rule's pattern gives inside the window (both ends included), before exclusions."""
    end = min(window_end, rule.until) if rule.until else window_end
    yield from _pattern(rule, rule.first, end, start=window_start)


def _pattern(rule: Rule, first: date, last: date, start: date | None = None) -> Iterator[date]:
    """The rule's dates from ``start`` (default ``first``) to ``last``, week by week.

    "Every n weeks" counts from the week of the first session (the first wanted
    weekday on or after ``first``), however late the window starts.
    """
    wanted = sorted(WEEKDAYS.index(day) for day in rule.days)
    start = max(start or first, first)
    if start > last:
        return
    first_session = min(
        first + timedelta(days=(weekday - first.weekday()) % 7) for weekday in wanted
    )
    anchor_week = first_session - timedelta(days=first_session.weekday())
    monday = start - timedelta(days=start.weekday())
    week = timedelta(days=7)
    while monday <= last:
        if rule.week_of_month is not None or ((monday - anchor_week).days // 7) % rule.every == 0:
            for weekday in wanted:
                day = monday + timedelta(days=weekday)
                if day < start or day > last:
                    continue
                if rule.week_of_month is None or _week_of_month_matches(day, rule.week_of_month):
                    yield day
        monday += week


def _week_of_month_matches(day: date, week: int) -> bool:
    if week == -1:
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == week


def is_excluded(rule: Rule, day: date, holidays: Holidays) -> bool:
    """True when a candidate date has no session."""
    if rule.exceptions and day in rule.exceptions:
        return True
    if rule.skip_school_holidays and holidays.is_school_holiday(day):
        return True
    return rule.skip_public_holidays and is_public_holiday(day)


def occurrences(
    organization: Organization,
    activity: Activity,
    holidays: Holidays,
    window_start: date,
    window_end: date,
) -> list[Occurrence]:
    """Every session or event of an activity that touches the window (both ends included), in
    order."""
    cancelled = activity.cancelled
    found: list[Occurrence] = []
    for rule in activity.schedule or []:
        for day in candidates(rule, window_start, window_end):
            if not is_excluded(rule, day, holidays):
                found.append(
                    Occurrence(
                        organization,
                        activity,
                        datetime.combine(day, rule.start),
                        datetime.combine(day, rule.end),
                        False,
                        cancelled,
                        rule,
                    )
                )
    for event in activity.dates or []:
        start, end = event_bounds(event)
        if start.date() <= window_end and (end - timedelta(microseconds=1)).date() >= window_start:
            found.append(
                Occurrence(
                    organization,
                    activity,
                    start,
                    end,
                    event.is_all_day,
                    cancelled or event.cancelled,
                    event,
                )
            )
    found.sort(key=lambda o: (o.start, o.end))
    return found


def event_bounds(event: EventDate) -> tuple[datetime, datetime]:
    """Local start and (exclusive) end of a single event."""
    if event.is_all_day:
        last = event.end_date or event.date
        return datetime.combine(event.date, time()), datetime.combine(
            last + timedelta(days=1), time()
        )
    return event.start, event.end


def upcoming(catalog, window_start: date, window_end: date) -> list[Occurrence]:
    """Occurrences of every active association's activities in the window, in time order."""
    found = [
        occurrence
        for org in catalog.active_organizations()
        for activity in org.activities or []
        for occurrence in occurrences(org, activity, catalog.holidays, window_start, window_end)
    ]
    found.sort(key=lambda o: (o.start, o.organization.name.casefold(), o.activity.title.casefold()))
    return found


def local(moment: datetime) -> datetime:
    """A naive local time as an aware Europe/Oslo datetime."""
    return moment.replace(tzinfo=OSLO)


NEXT_HORIZON_DAYS = 400
"""How far ahead "the next dates" of an activity are looked for."""


NEXT_KEPT = 5
"""How many coming dates are kept per activity (pages show three; "add to calendar" needs one not
cancelled)."""


def has_coming(catalog, org: Organization, activity: Activity) -> bool:
    """True when the activity has a session or event that is not cancelled, from the build day up
    to the end its feed describes (:func:`rule_end`, the last single date)."""
    if activity.cancelled:
        return False
    if any(not o.cancelled for o in next_dates(catalog, org, activity)):
        return True
    today = catalog.settings.today
    ends = [rule_end(rule, today) for rule in activity.schedule or []]
    ends += [event_bounds(item)[1].date() for item in activity.dates or []]
    found = occurrences(org, activity, catalog.holidays, today, max(ends, default=today))
    return any(not o.cancelled and o.end.date() >= today for o in found)


def next_dates(catalog, org: Organization, activity: Activity) -> list[Occurrence]:
    """The next few dates of an activity from the build day (cancelled ones included), computed once
    per build.

    A short window first (most activities meet weekly), the long one only when it holds too few.
    """
    cache = catalog.derived.setdefault("next_dates", {})
    key = (org.id, activity.id)
    if key not in cache:
        today = catalog.settings.today
        for days in (42, NEXT_HORIZON_DAYS):
            found = [
                o
                for o in occurrences(
                    org, activity, catalog.holidays, today, today + timedelta(days=days)
                )
                if o.end.date() >= today
            ]
            if len(found) >= NEXT_KEPT and sum(not o.cancelled for o in found) >= 1:
                break
        cache[key] = found[:NEXT_KEPT]
    return cache[key]
