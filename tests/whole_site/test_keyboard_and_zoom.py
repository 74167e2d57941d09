"""A resident with a keyboard alone, on a phone-sized screen or at 400 % zoom (320 CSS pixels):
the skip link is the first Tab stop and lands in the content; no Tab stop is off-screen, hidden
in the closed menu, or under the sticky header or the "back to top" button; no page scrolls
sideways."""

from __future__ import annotations

import json

import pytest

from test_pages_meet_wcag_21_aa import TEMPLATES

PAGES = {name: url for name, url in TEMPLATES.items() if not url.startswith("embed/")}
NARROW = {"viewport": {"width": 320, "height": 640}}

AFTER_CONTENT_START = """() => {
  const content = document.querySelector(".md-content"), el = document.activeElement;
  return content.contains(el) || !!(content.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""

FOCUSED = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden control shows its focus on the label beside it (Material's colour toggle:
  // the checked option's radio button, styled through the label that follows it).
  const shown = [el.nextElementSibling, ...(el.labels || [])]
    .find(label => label && label.tagName === "LABEL" && label.getBoundingClientRect().width > 0);
  if (el.getBoundingClientRect().width <= 1 && shown) el = shown;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  let hidden = style.visibility === "hidden" || box.width === 0 || box.height === 0;
  for (let up = el; up && !hidden; up = up.parentElement) hidden = getComputedStyle(up).display === "none";
  const headerElement = document.querySelector(".md-header");
  const header = headerElement.getBoundingClientRect();
  let pinned = false;  // a fixed or sticky element (the header, the skip link) is on top by design
  for (let up = el; up && !pinned; up = up.parentElement) pinned = ["fixed", "sticky"].includes(getComputedStyle(up).position);
  const covering = document.elementsFromPoint(Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
                                              Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1));
  const onTop = covering.length === 0 || covering[0] === el || el.contains(covering[0]) || covering[0].contains(el);
  return {
    what: el.outerHTML.slice(0, 120),
    offscreen: box.right <= 0 || box.left >= innerWidth || box.bottom <= 0 || box.top >= innerHeight,
    hidden,
    // The header's own links are in it, not under it (the search page's header does not stick).
    underHeader: !pinned && !headerElement.contains(el) && box.top < header.bottom - 1,
    covered: !pinned && !onTop,
    by: onTop ? "" : covering[0].outerHTML.slice(0, 80),
    at: Math.round(scrollY),
  };
}"""


@pytest.mark.parametrize("name", list(PAGES))
def test_the_skip_link_is_the_first_tab_stop_and_lands_in_the_content(browser, served_example, name):
    page = browser.new_page()
    page.goto(served_example + PAGES[name])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), name
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is in or after the content, not back in the header
    assert page.evaluate(AFTER_CONTENT_START), name
    page.close()


@pytest.mark.parametrize("name", ["front page", "directory", "activity calendar", "association", "subscribe help", "search with results"])
def test_at_320_pixels_every_tab_stop_is_in_sight_both_ways(browser, served_example, name):
    page = browser.new_page(**NARROW)
    page.goto(served_example + PAGES[name])
    page.wait_for_load_state("networkidle")
    problems = []
    stops = 0
    for key in ["Tab"] * 80 + ["Shift+Tab"] * 80:
        page.keyboard.press(key)
        found = page.evaluate(FOCUSED)
        if found is None:
            continue
        stops += 1
        if found["offscreen"] or found["hidden"] or found["underHeader"] or found["covered"]:
            problems.append((key, found))
    page.close()
    assert stops > 40
    assert problems == [], json.dumps(problems)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways_at_320_pixels(browser, served_example, name):
    page = browser.new_page(**NARROW)
    page.goto(served_example + PAGES[name])
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.close()
    assert width[0] <= width[1], (name, width)
