"""A long directory shows the first hundred matches and a button for more; the count covers all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import SiteServer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic import generate  # noqa: E402


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = generate(300, tmp_path_factory.mktemp("lang") / "site-root")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, check=True, env=env)
    server = SiteServer(root / "site", prefix="/frivilligkatalogen/")
    yield server.url
    server.stop()


def test_first_hundred_then_more(browser, long_site):
    page = browser.new_page()
    page.goto(long_site + "organisasjoner/")
    page.wait_for_selector("#katalog-filter:not([hidden])")
    assert page.locator("#katalog-liste > li").count() == 100
    assert page.locator("#katalog-antall").inner_text() == "300 organisasjoner"
    page.get_by_role("button", name="Vis flere (200 til)").click()
    assert page.locator("#katalog-liste > li").count() == 200
    page.get_by_role("button", name="Vis flere (100 til)").click()
    assert page.locator("#katalog-liste > li").count() == 300
    assert page.locator("#katalog-flere").is_hidden()
    page.close()


def test_city_scale_activity_calendar_is_one_page_per_week_and_still_equals_the_feed(long_site, browser):
    """Above the split size the eight weeks become week pages; together they hold exactly the feed's dates."""
    import re
    from datetime import date, timedelta
    from urllib.request import urlopen

    from test_activity_page_matches_feed import feed_occurrences, page_occurrences

    first = urlopen(long_site + "aktiviteter/").read().decode("utf-8")
    weeks = re.findall(r'<a href="(uke-\d/)">', first)
    assert len(weeks) == 7
    shown = page_occurrences(first)
    for week in weeks:
        shown |= page_occurrences(urlopen(long_site + "aktiviteter/" + week).read().decode("utf-8"))
    today = date(2026, 11, 22)
    expected = feed_occurrences(urlopen(long_site + "kalender/alle.ics").read(), today, today + timedelta(weeks=8))
    assert len(shown) > 2000 and shown == expected
