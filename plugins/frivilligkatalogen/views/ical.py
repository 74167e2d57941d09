"""The iCalendar building blocks every feed uses: the Europe/Oslo time zone, the properties every
feed has, and events kept as their UID and bytes (serialised once from whole components)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Component, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.parser import Contentlines

REFRESH = timedelta(hours=12)
"""How often a client should fetch a feed again."""


def oslo_timezone() -> Timezone:
    """Europe/Oslo as a VTIMEZONE with yearly rules (CET/CEST, last Sunday of March and October)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Oslo")
    zone.add("x-lic-location", "Europe/Oslo")
    seasons = (  # summer time from the last Sunday of March, standard time from that of October
        (TimezoneDaylight(), "CEST", 1, 2, datetime(1970, 3, 29, 2, 0, 0), 3),
        (TimezoneStandard(), "CET", 2, 1, datetime(1970, 10, 25, 3, 0, 0), 10),
    )
    for season, name, before, after, start, month in seasons:
        season.add("tzname", name)
        season.add("tzoffsetfrom", timedelta(hours=before))
        season.add("tzoffsetto", timedelta(hours=after))
        season.add("dtstart", start)
        season.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(season)
    return zone


@dataclass(frozen=True, slots=True)
class Serialised:
    """An event as a feed keeps it: its UID and its bytes, serialised once from the whole
    component. A city has tens of thousands of events, each in several feeds; whole components
    would hold several times the memory. ``Event.from_ical(item.ical)`` reads one back."""

    uid: str
    ical: bytes

    @classmethod
    def of(cls, component: Component, shared: list | None = None) -> Serialised:
        """A component serialised, with ``shared`` content lines (:func:`property_lines` of the
        details it has in common with others) among its own."""
        if not shared:
            return cls(str(component["uid"]), component.to_ical())
        lines = component.content_lines()  # BEGIN, its properties, END, and the closing ""
        lines[-2:-2] = shared
        return cls(str(component["uid"]), lines.to_ical())


def property_lines(component: Component) -> list:
    """A component's properties as content lines, without its BEGIN and END."""
    items = component.property_items(recursive=False)
    return [
        component.content_line(name, value) for name, value in items if name not in ("BEGIN", "END")
    ]


def common_properties() -> bytes:
    """The properties every feed has, as content lines: version, product, scale, time zone and
    how often clients should refresh."""
    common = Calendar()
    common.add("version", "2.0")
    common.add("prodid", "-//Frivilligkatalogen//Frivilligkatalogen//NB")
    common.add("calscale", "GREGORIAN")
    common.add("x-wr-timezone", "Europe/Oslo")
    common.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    common.add("x-published-ttl", "PT12H")
    own = common.property_items(recursive=False, sorted=False)
    properties = [
        common.content_line(name, value) for name, value in own if name not in ("BEGIN", "END")
    ]
    return Contentlines([*properties, ""]).to_ical()


class Feed(Calendar):
    """A VCALENDAR: the properties every feed has (given serialised), its own properties and
    components (the time zone) serialised as icalendar does, then events already serialised
    (:class:`Serialised`). It reads back as any calendar does (``Calendar.from_ical``)."""

    def __init__(self, common: bytes, events: list[Serialised], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.common = common
        self.serialised = events

    def to_ical(self, sorted: bool = True) -> bytes:
        own = self.property_items(recursive=False, sorted=sorted)  # BEGIN, properties, END
        begin = Contentlines([self.content_line(*own[0], sorted=sorted), ""])
        lines = Contentlines(
            self.content_line(name, value, sorted=sorted) for name, value in own[1:-1]
        )
        lines.append("")
        parts = [begin.to_ical(), self.common, lines.to_ical()]
        parts += [prepared(component) for component in self.subcomponents]
        parts += [event.ical for event in self.serialised]
        end = Contentlines([self.content_line(*own[-1], sorted=sorted), ""])
        return b"".join([*parts, end.to_ical()])


def prepared(component: Component) -> bytes:
    """A component's bytes, worked out the first time a feed asks for them (the time zone)."""
    cached = getattr(component, "prepared_ical", None)
    if cached is None:
        cached = component.to_ical()
        component.prepared_ical = cached
    return cached


class PreparedTimezone(Timezone):
    """The VTIMEZONE every feed carries (its bytes are kept by :func:`prepared`)."""

    @classmethod
    def from_component(cls, zone: Timezone) -> PreparedTimezone:
        prepared_zone = cls()
        prepared_zone.update(zone)
        prepared_zone.subcomponents = zone.subcomponents
        return prepared_zone
