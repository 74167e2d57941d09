"""On /kalender/, a feed with nothing coming (no session or event from today on that is not
cancelled, only past or cancelled ones) is not offered for subscription: its row says so in
words. Every feed with something coming keeps its subscribe links. Which feeds have something
coming is read from the built feeds themselves (recurring-ical-events, to the end of 2035)."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from calendar_site import STRICT, make_site
from conftest import mkdocs_build
from htmlscan import Scan

TODAY = date(2026, 11, 22)  # SOURCE_DATE_EPOCH of the test builds
NOTHING = {"nb": "Ingenting kommende i denne kalenderen.", "en": "Nothing coming up in this calendar."}


def has_something_coming(raw: bytes) -> bool:
    calendar = icalendar.Calendar.from_ical(raw)
    for event in recurring_ical_events.of(calendar).between(TODAY, date(2036, 1, 1)):
        end = event["DTEND"].dt
        last = end.date() if isinstance(end, datetime) else end
        if str(event.get("STATUS", "")) != "CANCELLED" and last >= TODAY:
            return True
    return False


def rows(page: Path) -> dict[str, Scan]:
    """Each feed row of the page by the name in its row header."""
    found = {}
    for name, cells in re.findall(r'<tr>\s*<th scope="row">(.*?)</th>(.*?)</tr>', page.read_text(encoding="utf-8"), re.S):
        found[html.unescape(name)] = Scan(cells)
    return found


def check_page(site: Path, language: str) -> dict[str, Scan]:
    """Asserts that exactly the feeds with something coming are offered; the rows by name."""
    feeds = {
        path.relative_to(site / "kalender").as_posix(): path.read_bytes()
        for path in (site / "kalender").rglob("*.ics")
        if "neste" not in path.relative_to(site / "kalender").parts
    }
    coming = {path for path, raw in feeds.items() if has_something_coming(raw)}
    found = rows(site / "kalender" / "index.html")
    assert len(found) == len(feeds)
    offered, quiet = set(), []
    for name, row in found.items():
        links = [link for link in row.links() if link.endswith(".ics")]
        if NOTHING[language] in row.text:
            assert not links, f"{name}: says nothing is coming but links {links}"
            quiet.append(name)
        else:
            assert len(links) == 2 and links[0].startswith("webcal://"), f"{name}: {row.text}"
            offered.add(links[1])
    assert offered == coming
    assert len(quiet) == len(feeds) - len(coming)
    return found


@pytest.fixture(scope="module")
def strict_site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("quiet"), extra=STRICT)
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def test_feeds_with_only_past_or_cancelled_dates_say_nothing_is_coming(strict_site):
    found = check_page(strict_site, "nb")
    nothing = NOTHING["nb"]
    # an association with a past and a cancelled date and a cancelled activity; the venue and the
    # category that only it uses
    for name in ("Stille venner", "Bedehuset; lillesalen", "Dyrevern"):
        assert nothing in found[name].text, name
    for name in ("Klubben", "Fjordvik skole, gymsal", "Idrett", "Alle aktiviteter"):
        assert nothing not in found[name].text, name
        assert any(link.startswith("webcal://") for link in found[name].links()), name


def test_example_subscribe_page_in_both_editions(example_site):
    check_page(example_site, "nb")
    check_page(example_site / "en", "en")
