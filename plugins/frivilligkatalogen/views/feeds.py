"""iCalendar feeds (RFC 5545) of the activities and the grant deadlines.

Standards first, and made for real clients (see ``shared/notes/calendar-feeds.md``):

* one VEVENT per recurrence rule, with ``RRULE`` and ``EXDATE`` (the exclusions of
  :mod:`frivilligkatalogen.model.schedule`), ``DTSTART;TZID=Europe/Oslo`` on the first
  real candidate, ``UNTIL`` in UTC (an open-ended rule ends at the horizon, so no client
  expands it past the last holiday listed), EXDATE in the same TZID and local time;
* a VTIMEZONE for Europe/Oslo in the yearly-rule form every client reads;
* UIDs from the ids, never from content; ``SEQUENCE``, ``LAST-MODIFIED`` and
  ``DTSTAMP`` from the data's git history (:mod:`frivilligkatalogen.catalog.history`), so
  unchanged events keep identical bytes from build to build;
* cancelled activities and dates stay in the feed with ``STATUS:CANCELLED`` and a summary
  that starts with the locale's "Avlyst:";
* calendar-level text (``NAME``, ``X-WR-CALNAME``, ``X-WR-CALDESC``) escaped as TEXT;
* no ``METHOD``; ``REFRESH-INTERVAL;VALUE=DURATION`` and ``X-PUBLISHED-TTL``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Event, vText

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.web import is_web_address
from frivilligkatalogen.catalog.history import History, Version
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import (
    Activity,
    EventDate,
    Grant,
    Holidays,
    MeetingPlaces,
    Organization,
    Rule,
)
from frivilligkatalogen.model.activity import RFC5545_DAYS, WEEKDAYS
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.schedule import (
    candidates,
    event_bounds,
    first_candidate,
    is_excluded,
    local,
    rule_end,
)
from frivilligkatalogen.views import wording
from frivilligkatalogen.views.addresses import (
    organization_url,
)
from frivilligkatalogen.views.ical import (
    Feed,
    PreparedTimezone,
    Serialised,
    common_properties,
    oslo_timezone,
    property_lines,
)


class FeedBuilder:
    """Builds every feed of a catalogue; each event is made once and shared by the feeds it is
    in."""

    def __init__(self, catalog: Catalog, history: History):
        self.catalog = catalog
        self.settings = catalog.settings
        self.history = history
        self._events: dict[tuple[str, str], list[Serialised]] = {}
        """Each activity's events as feeds keep them, by (association id, activity id)."""
        self._shared: dict[tuple[str, str], list] = {}
        """The content lines each activity's events share, by the same key."""
        self._timezone = PreparedTimezone.from_component(oslo_timezone())
        """Europe/Oslo, the same in every feed: serialised once."""
        self._common = common_properties()
        """The properties every feed has, serialised once (a city has thousands of feeds)."""

    # Events ---------------------------------------------------------------

    def activity_events(self, org: Organization, activity: Activity) -> list[Event]:
        """The activity's events, each a whole VEVENT with the details its activity's events share
        (:meth:`add_details`)."""
        version = self._version(org, activity)
        events = self._own_events(org, activity, version)
        for event in events:
            self.add_details(event, org, activity, version)
        return events

    def feed_items(self, org: Organization, activity: Activity) -> list[Serialised]:
        """The activity's events as feeds keep them, made once and shared by every feed the
        activity is in. The details they share are turned into content lines once, for all of
        them: the same lines :meth:`activity_events` gives each event."""
        key = (org.id, activity.id)
        if key not in self._events:
            version = self._version(org, activity)
            shared = self.shared_lines(org, activity)
            events = self._own_events(org, activity, version)
            self._events[key] = [Serialised.of(event, shared) for event in events]
        return self._events[key]

    def shared_lines(self, org: Organization, activity: Activity) -> list:
        """The details an activity's events share (:meth:`add_details`), as content lines, made
        once for its events in every feed and its "next time" file."""
        key = (org.id, activity.id)
        if key not in self._shared:
            details = Event()
            self.add_details(details, org, activity, self._version(org, activity))
            self._shared[key] = property_lines(details)
        return self._shared[key]

    def _version(self, org: Organization, activity: Activity) -> Version:
        return self.history.version(
            org.source.path,
            Organization,
            lambda record: _activity_in(record, activity.id),
            activity,
        )

    def _own_events(self, org: Organization, activity: Activity, version: Version) -> list[Event]:
        """The activity's events with what is their own: UID, times, rule, status."""
        events = [
            event
            for index, rule in enumerate(activity.schedule or [], 1)
            if (event := self._rule_event(org, activity, index, rule, version)) is not None
        ]
        return events + [
            self._date_event(org, activity, item, version) for item in activity.dates or []
        ]

    def uid(self, *parts: str) -> str:
        """A UID from ids only: the same activity keeps it for as long as its ids stay."""
        return "/".join(parts) + "@" + self.settings.uid_domain

    def add_details(
        self, event: Event, org: Organization, activity: Activity, version: Version
    ) -> None:
        """What an activity's events have in common: version, description, place, link,
        categories.

        Each event adds its own UID, times, ``STATUS`` and summary (:func:`summary`: a single
        date may be cancelled).
        """
        event.add("dtstamp", version.modified)
        event.add("last-modified", version.modified)
        event.add("sequence", version.sequence)
        lines = [org.name, *wording.when(activity)]
        price = wording.price(activity.price)
        if price:
            lines.append(f"{t('page.price_label')}: {price}")
        url = (
            self.settings.absolute_url(organization_url(org.id)) if self.settings.site_url else None
        )
        if url:
            lines.append(url + f"#aktivitet-{activity.id}")
        event.add("description", "\n".join(lines))
        location, geo = self._location(activity)
        if location:
            event.add("location", location)
        if geo:
            event.add("geo", geo)
        if url:
            event.add("url", url + f"#aktivitet-{activity.id}")
        event.add("categories", [category_name(code) for code in org.categories])

    def _location(self, activity: Activity):
        if activity.venue:
            venue = self.catalog.venues[activity.venue]
            geo = (venue.geo.lat, venue.geo.lon) if venue.geo else None
            return f"{venue.name}, {wording.address(venue.address)}", geo
        if activity.location:
            return activity.location, None
        return activity.online, None

    def _rule_event(
        self, org: Organization, activity: Activity, index: int, rule: Rule, version: Version
    ) -> Event | None:
        first = first_candidate(rule)
        last = rule_end(rule, self.settings.today)
        if first is None or first > last:
            return None
        event = Event()
        event.add("uid", self.uid(org.id, activity.id, f"regel-{index}"))
        event.add("dtstart", local(datetime.combine(first, rule.start)))
        event.add("dtend", local(datetime.combine(first, rule.end)))
        recurrence: dict = {"freq": "monthly" if rule.week_of_month is not None else "weekly"}
        if rule.every > 1:
            recurrence["interval"] = rule.every
        recurrence["until"] = local(datetime.combine(last, rule.start)).astimezone(UTC)
        days = [RFC5545_DAYS[day] for day in WEEKDAYS if day in rule.days]
        if rule.week_of_month is not None:
            days = [f"{rule.week_of_month}{day}" for day in days]
        recurrence["byday"] = days
        recurrence["wkst"] = "MO"
        event.add("rrule", recurrence)
        excluded = [
            day
            for day in candidates(rule, first, last)
            if is_excluded(rule, day, self.catalog.holidays)
        ]
        if excluded:
            event.add("exdate", [local(datetime.combine(day, rule.start)) for day in excluded])
        add_status(event, org, activity, activity.cancelled)
        return event

    def _date_event(
        self, org: Organization, activity: Activity, item: EventDate, version: Version
    ) -> Event:
        event = Event()
        start, end = event_bounds(item)
        if item.is_all_day:
            event.add("uid", self.uid(org.id, activity.id, start.strftime("%Y%m%d")))
            event.add("dtstart", start.date())
            event.add("dtend", end.date())
        else:
            event.add("uid", self.uid(org.id, activity.id, start.strftime("%Y%m%dT%H%M")))
            event.add("dtstart", local(start))
            event.add("dtend", local(end))
        add_status(event, org, activity, activity.cancelled or item.cancelled)
        return event

    def grant_events(self, grant: Grant) -> list[Event]:
        version = self.history.version(grant.source.path, Grant, lambda record: record, grant)
        events = []
        for deadline in sorted(grant.deadlines):
            event = Event()
            event.add("uid", self.uid("tilskudd", grant.id, deadline.strftime("%Y%m%d")))
            event.add("dtstamp", version.modified)
            event.add("last-modified", version.modified)
            event.add("sequence", version.sequence)
            event.add("dtstart", deadline)
            event.add("dtend", deadline + timedelta(days=1))
            event.add("summary", t("calendar.deadline_summary", name=grant.name))
            lines = (
                [grant.provider]
                + ([grant.amount] if grant.amount else [])
                + ([grant.url] if grant.url else [])
            )
            event.add("description", "\n".join(lines))
            if grant.url:
                event.add("url", grant.url)
            event.add("categories", [t("calendar.deadline_category")])
            event.add("transp", "TRANSPARENT")
            events.append(event)
        return events

    def wheel_events(self) -> list[Event]:
        """The annual wheel as all-day events, dated by the data file behind each entry."""
        from frivilligkatalogen.views.annual_wheel import annual_wheel

        catalog = self.catalog
        sources = {
            "deadline": lambda entry: (
                catalog.grants[entry.key.split("/", 1)[1]].source,
                Grant,
                catalog.grants[entry.key.split("/", 1)[1]],
            ),
            "meeting": lambda entry: (
                catalog.meeting_places.source,
                MeetingPlaces,
                catalog.meeting_places,
            ),
            "school_holiday": lambda entry: (catalog.holidays.source, Holidays, catalog.holidays),
            "event": lambda entry: (
                catalog.organizations[entry.key.split("/")[1]].source,
                Organization,
                catalog.organizations[entry.key.split("/")[1]],
            ),
        }
        events = []
        for entry in annual_wheel(catalog):
            source = sources.get(entry.kind, lambda entry: (None, None, None))(entry)
            if source[0] is not None:
                version = self.history.version(
                    source[0].path, source[1], lambda record: record, source[2]
                )
            else:  # campaigns come from the settings: dated by their own year
                version = Version(0, datetime(entry.first.year, 1, 1, tzinfo=UTC))
            event = Event()
            event.add("uid", self.uid("arshjul", entry.key, entry.first.strftime("%Y%m%d")))
            event.add("dtstamp", version.modified)
            event.add("last-modified", version.modified)
            event.add("sequence", version.sequence)
            event.add("dtstart", entry.first)
            event.add("dtend", entry.last + timedelta(days=1))
            event.add("summary", f"{t('wheel.' + entry.kind)}: {entry.title}")
            link = (
                entry.link
                if entry.link and is_web_address(entry.link)
                else (self.settings.absolute_url(entry.link) if entry.link else None)
            )
            if link:
                event.add("url", link)
            event.add("categories", [t("wheel." + entry.kind)])
            event.add("transp", "TRANSPARENT")
            events.append(event)
        return events

    # Feeds ----------------------------------------------------------------

    def calendar(self, name: str, description: str, events: list[Event | Serialised]) -> bytes:
        """A feed: its properties, the time zone, then the events in UID order."""
        items = [
            event if isinstance(event, Serialised) else Serialised.of(event) for event in events
        ]
        feed = Feed(self._common, sorted(items, key=lambda item: item.uid))
        # TEXT values escaped as RFC 5545 says (icalendar leaves NAME and the X-WR-
        # properties as they are unless given as vText): "Fjordvik skole, gymsal" stays whole.
        for key, value in (
            ("name", name),
            ("x-wr-calname", name),
            ("description", description),
            ("x-wr-caldesc", description),
        ):
            feed.add(key, vText(value))
        feed.add_component(self._timezone)
        return feed.to_ical()

    def organization_items(self, organizations) -> list[Serialised]:
        """Every event of these associations' activities, as feeds keep them."""
        return [
            item
            for org in organizations
            for activity in org.activities or []
            for item in self.feed_items(org, activity)
        ]


def summary(org: Organization, activity: Activity, cancelled: bool) -> str:
    """An event's title: the activity and its association, after the locale's "Cancelled:" when
    it is cancelled, so a client that ignores ``STATUS`` still shows it as cancelled."""
    title = f"{activity.title} – {org.name}"
    return t("calendar.cancelled_summary", title=title) if cancelled else title


def add_status(event: Event, org: Organization, activity: Activity, cancelled: bool) -> None:
    """An event's ``STATUS`` and its summary, which says "Cancelled" too when it is."""
    event.add("summary", summary(org, activity, cancelled))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")


def _activity_in(record: Organization, activity_id: str) -> Activity | None:
    return next((a for a in record.activities or [] if a.id == activity_id), None)


def single_date_event(builder: FeedBuilder, occurrence) -> Serialised:
    """One occurrence as a standalone event, for "add to my calendar"."""
    org, activity = occurrence.organization, occurrence.activity
    event = Event()
    stamp = occurrence.start.strftime("%Y%m%d" if occurrence.all_day else "%Y%m%dT%H%M")
    event.add("uid", builder.uid(org.id, activity.id, "enkelt", stamp))
    if occurrence.all_day:
        event.add("dtstart", occurrence.start.date())
        event.add("dtend", occurrence.end.date())
    else:
        event.add("dtstart", local(occurrence.start))
        event.add("dtend", local(occurrence.end))
    add_status(event, org, activity, occurrence.cancelled)
    return Serialised.of(event, builder.shared_lines(org, activity))
