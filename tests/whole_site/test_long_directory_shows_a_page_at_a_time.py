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
    # The cards beyond the page come from kort.json, fetched the first time: wait for them.
    page.get_by_role("button", name="Vis flere (200 til)").click()
    page.wait_for_function("document.querySelectorAll('#katalog-liste > li').length >= 200")
    assert page.locator("#katalog-liste > li").count() == 200
    page.get_by_role("button", name="Vis flere (100 til)").click()
    page.wait_for_function("document.querySelectorAll('#katalog-liste > li').length >= 300")
    assert page.locator("#katalog-liste > li").count() == 300
    assert page.locator("#katalog-flere").is_hidden()
    page.close()


def card_links(html: str, page: str) -> list[str]:
    """The association pages the cards of the list page at ``page`` link to (full addresses)."""
    import re
    from urllib.parse import urljoin

    return [urljoin(page, href) for href in re.findall(r'<h3 class="katalog-card__title"><a href="([^"]+)">', html)]


def test_without_javascript_the_directory_holds_a_hundred_and_links_every_page(long_site):
    """The directory's HTML holds the first hundred cards; its page links lead to the rest, so
    every association is reachable in static HTML."""
    import re
    from urllib.request import urlopen

    first = urlopen(long_site + "organisasjoner/").read().decode("utf-8")
    assert len(card_links(first, long_site + "organisasjoner/")) == 100
    nav = re.search(r'<nav id="katalog-sider".*?</nav>', first, re.S).group(0)
    pages = re.findall(r'<a href="([^"]+)"', nav)
    assert pages == ["./", "side/2/", "side/3/"] and 'aria-current="page"' in nav
    seen = card_links(first, long_site + "organisasjoner/")
    for path in pages[1:]:
        html = urlopen(long_site + "organisasjoner/" + path).read().decode("utf-8")
        assert len(card_links(html, long_site + "organisasjoner/" + path)) == 100 and 'aria-current="page"' in html
        seen += card_links(html, long_site + "organisasjoner/" + path)
    assert len(seen) == len(set(seen)) == 300
    assert all(urlopen_ok(address) for address in seen[::37])


def test_a_filter_shows_matches_from_beyond_the_first_page(browser, long_site):
    page = browser.new_page()
    page.goto(long_site + "organisasjoner/")
    page.wait_for_selector("#katalog-filter:not([hidden])")
    assert page.locator("#katalog-sider").is_hidden()  # "Vis flere" takes over from the page links
    static = set(page.eval_on_selector_all("#katalog-liste h3 a", "links => links.map(a => a.href)"))
    page.locator('details:has([name="omrade"]) summary').click()
    page.locator('[name="omrade"]').first.check()
    count = int(page.locator("#katalog-antall").inner_text().split()[0])
    page.wait_for_function(f"document.querySelectorAll('#katalog-liste > li').length === {min(count, 100)}")
    shown = page.eval_on_selector_all("#katalog-liste h3 a", "links => links.map(a => a.href)")
    assert 0 < count < 300 and set(shown) - static  # cards that were not in the page's HTML
    for href in shown[:5]:
        assert urlopen_ok(href)
    page.close()


def urlopen_ok(address: str) -> bool:
    from urllib.request import urlopen

    with urlopen(address) as answer:
        return answer.status == 200


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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_later_pages_of_a_long_list_have_no_axe_violations(browser, long_site, scheme):
    from browser import violations

    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    found = {}
    for path in ("organisasjoner/", "organisasjoner/side/2/", "organisasjoner/side/3/"):
        page.goto(long_site + path)
        page.wait_for_load_state("networkidle")
        if problems := violations(page):
            found[path] = problems
    context.close()
    assert not found, found
