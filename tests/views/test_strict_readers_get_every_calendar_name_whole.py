"""Every calendar's name and description reach a strict reader whole: vobject, icalendar and the
``ical`` package read "Fjordvik skole, gymsal", not "Fjordvik skole"."""

from __future__ import annotations

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from icalendar.parser import Contentlines

from calendar_site import STRICT, build_feeds, make_site


@pytest.fixture(scope="module")
def calendars(tmp_path_factory) -> dict[str, bytes]:
    feeds = build_feeds(make_site(tmp_path_factory.mktemp("strict"), extra=STRICT))
    return {path: raw for path, raw in feeds.items() if path.endswith(".ics") and "/neste/" not in path}


def names_by_vobject(raw: bytes) -> tuple[str, str, str, str]:
    calendar = vobject.readOne(raw.decode("utf-8"))
    return (
        calendar.contents["name"][0].value,
        calendar.x_wr_calname.value,
        calendar.contents["description"][0].value,
        calendar.x_wr_caldesc.value,
    )


def names_by_icalendar(raw: bytes) -> tuple[str, str]:
    """NAME and X-WR-CALNAME read by icalendar's content-line parser, which unescapes values as
    TEXT (its Calendar keeps properties it has no type for, NAME among them, as written)."""
    calendar = icalendar.Calendar.from_ical(raw)
    assert {"NAME", "X-WR-CALNAME"} <= set(calendar)
    values = {}
    for line in Contentlines.from_ical(raw.decode("utf-8")):
        if line and not values.keys() >= {"NAME", "X-WR-CALNAME"}:
            name, _, value = line.parts()
            values.setdefault(name, value)  # the calendar's own properties come before any event
    return values["NAME"], values["X-WR-CALNAME"]


def test_vobject_reads_every_calendar_name_as_icalendar_and_ical_do(calendars):
    assert len(calendars) >= 10
    for path, raw in calendars.items():
        name, calname, description, caldesc = names_by_vobject(raw)
        assert name == calname, path
        assert description == caldesc, path
        assert "\\" not in name + description, f"{path}: an escape left in {name!r} / {description!r}"
        assert IcsCalendarStream.calendar_from_ics(raw.decode("utf-8")).name == [name], path
        assert names_by_icalendar(raw) == (name, name), path


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("kalender/lokaler/gymsal.ics", "Fjordvik skole, gymsal"),
        ("kalender/lokaler/bedehuset.ics", "Bedehuset; lillesalen"),
        ("kalender/organisasjoner/fjordvik.ics", "Fjordvik idrettslag, trim og turn"),
    ],
)
def test_three_parsers_read_a_name_with_a_comma_or_semicolon_whole(calendars, path, name):
    raw = calendars[path]
    by_vobject = names_by_vobject(raw)
    assert by_vobject[:2] == (name, name)
    assert name in by_vobject[2] and name in by_vobject[3]  # "Aktiviteter i Fjordvik skole, gymsal, fra …"
    assert names_by_icalendar(raw) == (name, name)
    by_ical = IcsCalendarStream.calendar_from_ics(raw.decode("utf-8"))
    assert by_ical.name == [name]
    assert by_ical.description and name in by_ical.description[0]


def test_names_are_escaped_in_the_bytes(calendars):
    raw = calendars["kalender/lokaler/gymsal.ics"].decode()
    assert "\r\nNAME:Fjordvik skole\\, gymsal\r\n" in raw
    assert "\r\nX-WR-CALNAME:Fjordvik skole\\, gymsal\r\n" in raw
    assert "X-WR-CALDESC:Aktiviteter i Fjordvik skole\\, gymsal\\," in raw
