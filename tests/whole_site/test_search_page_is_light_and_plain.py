"""The search page: a native form and a plain result list drawn with Pagefind's search API
(pagefind.js), not Pagefind's default interface; light to load, usable with the keyboard alone,
shareable by its address, and still a working form with a way in without JavaScript."""

from __future__ import annotations

import gzip
from urllib.parse import urlsplit

import pytest

from browser import RESULT, SiteServer, wait_for_search
from conftest import SITE_CONFIG, mkdocs_build, write_site

BUDGET_KIB = 150


def _download(browser, served_example: str, first: str | None) -> dict[str, bytes]:
    """Every body ``sok/?q=korps`` loads in a new browser (empty cache) until its results show;
    after ``first`` if given, leaving out what that page loaded (then in the cache)."""
    page = browser.new_page()
    bodies: dict[str, bytes] = {}
    page.on("response", lambda response: bodies.__setitem__(response.url, response.body() if response.ok else b""))
    try:
        if first is not None:
            page.goto(served_example + first)
            page.wait_for_load_state("networkidle")
        shared = set(bodies)
        bodies.clear()
        page.goto(served_example + "sok/?q=korps")
        wait_for_search(page)
        page.wait_for_load_state("networkidle")
    finally:
        page.close()
    return {url: body for url, body in bodies.items() if url not in shared}


@pytest.mark.parametrize("first", [None, ""], ids=["first visit", "from the front page"])
def test_the_results_of_a_query_with_the_index_cost_less_than_the_budget(browser, served_example, first):
    """What /sok/?q=korps downloads, Pagefind's wasm, script and index included, each body
    gzip-compressed as a web server would (bench/search_page.py prints the whole table): on a
    first visit, and coming from the front page."""
    bodies = _download(browser, served_example, first)
    paths = [urlsplit(url).path for url in bodies]
    assert not [path for path in paths if "pagefind-ui" in path or "pagefind-worker" in path]
    assert any(path.endswith("/pagefind/pagefind.js") for path in paths)
    assert any(path.endswith(".pf_index") for path in paths)  # the index chunk for the query
    # The page is drawn without Material's stylesheet and script (adapters/theme/plain.html).
    assert not [path for path in paths if "/assets/javascripts/" in path or "/assets/stylesheets/" in path]
    total = sum(len(gzip.compress(body, 6)) for body in bodies.values())
    assert total / 1024 < BUDGET_KIB, f"{total / 1024:.1f} KiB"


def test_the_form_runs_a_query_from_the_keyboard_and_puts_it_in_the_address(browser, served_example):
    page = browser.new_page()
    try:
        page.goto(served_example + "sok/")
        wait_for_search(page, results=False)
        assert page.locator(RESULT).count() == 0
        field = page.get_by_label("Søk etter lag, aktivitet eller sted")
        assert field.get_attribute("type") == "search"
        field.focus()
        page.keyboard.type("sjakk")
        page.keyboard.press("Enter")
        page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'sjakk'")
        wait_for_search(page)
        status = page.get_by_role("status")
        assert status.get_attribute("aria-live") == "polite"
        count = page.locator(RESULT).count()
        assert status.inner_text() == f"{count} treff for «sjakk»"
        assert "Lindvik sjakklubb" in page.locator(f"{RESULT} h2 a").all_inner_texts()
        # Tab leads from the field past the button to the first result.
        field.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#katalog-sok-treff') !== null")
        page.goto(served_example + "sok/?q=qxzvwq")
        wait_for_search(page, results=False)
        assert page.get_by_role("status").inner_text().startswith("Ingen treff for «qxzvwq»")
        assert page.locator("#katalog-sok-treff").is_hidden()
    finally:
        page.close()


def test_more_results_are_shown_on_request_and_focus_moves_to_them(browser, served_example):
    page = browser.new_page()
    try:
        page.goto(served_example + "sok/?q=lindvik")
        wait_for_search(page)
        shown = page.locator(RESULT).count()
        assert shown == 10
        more = page.get_by_role("button", name="Vis flere treff")
        more.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelectorAll('{RESULT}').length > {shown}")
        assert page.evaluate(f"document.activeElement === document.querySelectorAll('{RESULT} a')[{shown}]")
    finally:
        page.close()


def test_an_excerpt_keeps_its_marks_and_nothing_else_as_markup(browser, served_example):
    page = browser.new_page()
    try:
        page.goto(served_example + "sok/?q=dugnad")
        wait_for_search(page)
        assert page.locator(f"{RESULT} p mark").count() > 0
        tags = page.eval_on_selector_all(f"{RESULT} *", "nodes => [...new Set(nodes.map(n => n.localName))].sort()")
        assert set(tags) <= {"h2", "a", "p", "mark"}, tags
        # Pagefind marks whole words: the text after a mark goes on with a space or a stop, as
        # in the excerpt (a space at the start of a piece of text is kept).
        after = page.eval_on_selector_all(f"{RESULT} p mark", "marks => marks.map(m => m.nextSibling ? m.nextSibling.textContent : '')")
        assert not [text for text in after if text[:1].isalpha()], after
    finally:
        page.close()


def test_without_javascript_the_form_still_sends_the_query_and_points_to_the_directory(browser, served_example):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served_example + "sok/")
        page.get_by_label("Søk etter lag, aktivitet eller sted").fill("korps")
        page.get_by_role("button", name="Søk", exact=True).last.click()
        page.wait_for_url("**/sok/?q=korps")
        notice = page.locator("main noscript, main p", has_text="Søket trenger JavaScript")
        assert notice.count() >= 1
        assert page.locator("main a[href$='organisasjoner/']").count() >= 1
    finally:
        context.close()


BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def test_the_page_keeps_the_colours_the_reader_chose_on_another_page(browser, served_example):
    """The search page has no colour switch of its own (it loads none of Material's script), yet a
    reader who switched to dark colours on the front page gets them here too, and back."""
    page = browser.new_page(color_scheme="light")
    try:
        page.goto(served_example + "sok/")
        light = page.evaluate(BACKGROUND)
        page.goto(served_example)
        page.get_by_title("Bytt til mørke farger").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.goto(served_example + "sok/?q=korps")
        wait_for_search(page)
        dark = page.evaluate(BACKGROUND)
        assert dark != light
        page.goto(served_example)
        page.get_by_title("Bytt til lyse farger").click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        page.goto(served_example + "sok/")
        assert page.evaluate(BACKGROUND) == light
    finally:
        page.close()


def test_without_a_choice_the_page_follows_the_device_and_without_javascript_it_is_light(browser, served_example):
    """As on Material's pages: with no colours chosen yet, the device's setting; without
    JavaScript, light."""
    backgrounds = {}
    for scheme in ("light", "dark"):
        for script in (True, False):
            context = browser.new_context(color_scheme=scheme, java_script_enabled=script)
            page = context.new_page()
            page.goto(served_example + "sok/")
            backgrounds[scheme, script] = page.evaluate(BACKGROUND)
            context.close()
    assert backgrounds["light", True] == "rgb(255, 255, 255)"
    assert backgrounds["dark", True] != backgrounds["light", True]
    assert backgrounds["light", False] == backgrounds["dark", False] == "rgb(255, 255, 255)"


def test_a_site_with_one_dark_palette_and_no_overrides_gets_it_on_the_search_page_too(browser, tmp_path):
    """A fork without ``overrides/`` and with one palette, dark, and no switch: its search page
    is dark like its other pages, whatever the device says."""
    config = SITE_CONFIG.replace("  font: false\n", "  font: false\n  palette: {scheme: slate, primary: indigo}\n")
    root = write_site(tmp_path / "site-root", {}, config)
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    server = SiteServer(root / "site")
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        page.goto(server.url)
        front = page.evaluate(BACKGROUND)
        page.goto(server.url + "sok/")
        assert page.evaluate(BACKGROUND) == front != "rgb(255, 255, 255)"
        assert page.get_by_role("searchbox").count() == 1
    finally:
        context.close()
        server.stop()
