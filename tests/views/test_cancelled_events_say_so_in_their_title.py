"""A cancelled event says so in its title as well as in ``STATUS``, so a client that ignores
``STATUS`` still shows "Avlyst: …" (bokmål and nynorsk) or "Cancelled: …" (English): cancelled
activities, cancelled single dates and the example's cancelled ones alike, read by three
parsers."""

from __future__ import annotations

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from frivilligkatalogen.base.i18n import set_language

from calendar_site import STRICT, build_feeds, make_site


def events_by_three_parsers(raw: bytes) -> list[tuple[str, str, str]]:
    """(UID, STATUS, SUMMARY) of every event, the same as icalendar, ical and vobject read it."""
    text = raw.decode("utf-8")
    by_icalendar = sorted((str(e["UID"]), str(e.get("STATUS", "")), str(e["SUMMARY"])) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    by_ical = sorted((e.uid, str(e.status.value if e.status else ""), e.summary) for e in IcsCalendarStream.calendar_from_ics(text).events)
    by_vobject = sorted((e.uid.value, e.status.value if "status" in e.contents else "", e.summary.value) for e in vobject.readOne(text).contents.get("vevent", []))
    assert [(uid, summary) for uid, _, summary in by_icalendar] == [(uid, summary) for uid, _, summary in by_ical]
    assert by_icalendar == by_vobject
    return by_icalendar


def check_titles(feeds: dict[str, bytes], word: str) -> set[str]:
    """Every cancelled event's title starts with ``word``, no other's does; the cancelled UIDs."""
    cancelled = set()
    calendars = {path: raw for path, raw in feeds.items() if path.endswith(".ics")}
    assert calendars
    for path, raw in calendars.items():
        for uid, status, summary in events_by_three_parsers(raw):
            if status == "CANCELLED":
                assert summary.startswith(f"{word}: "), f"{path}: {uid} {summary!r}"
                cancelled.add(uid)
            else:
                assert not summary.startswith(f"{word}:"), f"{path}: {uid} {summary!r}"
    return cancelled


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("cancelled"), extra=STRICT)


def test_every_cancelled_event_is_titled_avlyst(site):
    cancelled = check_titles(build_feeds(site), "Avlyst")
    assert {
        "klubben/avlyst/regel-1@katalog.lindvik.no",  # a cancelled activity
        "klubben/arrangement/20261213T1700@katalog.lindvik.no",  # a cancelled date of a running one
        "fjordvik/avslutning/20261217T1800@katalog.lindvik.no",
        "stille/kurs/regel-1@katalog.lindvik.no",
        "stille/arsmote/20270301T1800@katalog.lindvik.no",
    } <= cancelled
    summary = next(
        str(e["SUMMARY"])
        for e in icalendar.Calendar.from_ical(build_feeds(site)["kalender/alle.ics"]).walk("VEVENT")
        if str(e["UID"]) == "klubben/arrangement/20261213T1700@katalog.lindvik.no"
    )
    assert summary == "Avlyst: Grunnlovsfest – Klubben"


@pytest.mark.parametrize(("language", "word"), [("nn", "Avlyst"), ("en", "Cancelled")])
def test_the_cancelled_word_is_the_site_language(tmp_path, language, word):
    root = make_site(tmp_path, extra=STRICT, language=language)
    set_language(language)
    try:
        cancelled = check_titles(build_feeds(root), word)
    finally:
        set_language(None)
    assert "fjordvik/avslutning/20261217T1800@katalog.lindvik.no" in cancelled


def test_the_example_cancelled_events_say_so_in_both_editions(example_site):
    for edition, word in ((example_site, "Avlyst"), (example_site / "en", "Cancelled")):
        feeds = {p.relative_to(edition).as_posix(): p.read_bytes() for p in (edition / "kalender").rglob("*.ics")}
        assert len(check_titles(feeds, word)) >= 2, edition
