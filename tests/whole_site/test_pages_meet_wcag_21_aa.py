"""Every page template passes axe-core's WCAG 2.0/2.1 A and AA (and 2.2 AA) rules, light and dark, and with search results shown."""

from __future__ import annotations

import re

import pytest

from browser import violations, wait_for_search
from frivilligkatalogen.base.i18n import strings

TEMPLATES = {
    "front page": "",
    "directory": "organisasjoner/",
    "association": "organisasjoner/lindvik-skolekorps/",
    "venue list": "lokaler/",
    "venue": "lokaler/lindvik-kulturhus/",
    "volunteering tasks": "bli-frivillig/",
    "category": "kategorier/1200/",
    "activity calendar": "aktiviteter/",
    "subscribe help": "kalender/",
    "grants": "tilskudd/",
    "guidance page": "veiledning/allemed/",
    "annual wheel": "veiledning/arshjul/",
    "about page": "om-katalogen/",
    "contact page": "kontakt/",
    "privacy page": "personvern/",
    "404 page": "finnes-ikke/",
    "search with results": "sok/?q=korps",
    "embed (no site chrome)": "embed/kategorier/1200.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser, served_example, scheme):
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    found = {}
    for name, url in TEMPLATES.items():
        page.goto(served_example + url)
        page.wait_for_load_state("networkidle")
        if url.startswith("sok/"):
            wait_for_search(page)  # every result drawn before contrast is measured
        problems = violations(page)
        if problems:
            found[name] = problems
    context.close()
    assert not found, found


def test_every_page_links_the_accessibility_statement_and_privacy_page(example_site):
    """In both editions: the Norwegian pages at the root, the English ones under en/."""
    seen = set()
    for path in example_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        language = re.search(r'<html lang="([a-z]+)"', html).group(1)
        seen.add(language)
        footer = strings(language)
        assert 'href="https://uustatus.no/nb/erklaringer/publisert/lindvik-kommune-frivilligkatalogen"' in html, path
        assert f">{footer['footer.accessibility_statement']}<" in html, path
        assert f">{footer['footer.privacy']}<" in html, path
    assert seen == {"nb", "en"}


def test_no_english_theme_words_left(example_site):
    html = (example_site / "organisasjoner/index.html").read_text(encoding="utf-8")
    for english in ('aria-label="Header"', 'aria-label="Footer"', "Made with", "Material for MkDocs"):
        assert english not in html
    assert '<html lang="nb"' in html
