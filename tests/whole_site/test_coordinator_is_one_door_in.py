"""One door in: the municipality's volunteer coordinator (the ``coordinator`` option) is on the
contact page, the front page and in every page's footer, and every page that mentions the
coordinator links to the contact page, in bokmål, nynorsk and English."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from conftest import REPO, SITE_CONFIG, katalog, mkdocs_build, write_site
from frivilligkatalogen.base.config_file import read_site_settings
from frivilligkatalogen.base.i18n import set_language, t
from frivilligkatalogen.base.options import check_options
from htmlscan import Scan

MENTIONS = re.compile(r"frivillighetskoordinator|frivilligkoordinator|volunteer coordinator", re.IGNORECASE)


@pytest.fixture(scope="module")
def coordinator():
    return read_site_settings(REPO).coordinator


@pytest.fixture(scope="module")
def nynorsk_example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nynorsk-example")
    result = mkdocs_build(REPO, out, "mkdocs.nn.yml")
    assert result.returncode == 0, result.stderr
    return out


def article(html: str) -> str:
    """The page's own content, without the site's header, menus and footer."""
    match = re.search(r"<article\b.*?</article>", html, re.S)
    return match.group(0) if match else ""


def links_to(html: str, page: Path, site: Path) -> set[str]:
    """The pages of ``site`` (as ``kontakt/index.html``) the relative links of ``html`` lead to."""
    found = set()
    here = posixpath.dirname(page.relative_to(site).as_posix())
    for tag, attrs in Scan(html).tags:
        href = attrs.get("href") or ""
        if tag != "a" or not href or "://" in href or href.startswith(("mailto:", "tel:", "#")):
            continue
        target = posixpath.normpath(posixpath.join(here, href.split("#")[0]))
        found.add(target.lstrip("./") + "/index.html" if not target.endswith(".html") else target)
    return found


def test_the_contact_page_shows_every_part_of_the_coordinator_and_a_contact_point(example_site, coordinator):
    assert coordinator.name and coordinator.phone and coordinator.email
    html = (example_site / "kontakt" / "index.html").read_text(encoding="utf-8")
    text = Scan(article(html)).text
    for part in (coordinator.name, "+47 12 34 56 78", coordinator.email, coordinator.visiting_address, coordinator.opening_hours):
        assert part in text, part
    assert 'href="tel:+4712345678"' in html and f'href="mailto:{coordinator.email}"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    point = data["@graph"][0]["about"]["contactPoint"]
    assert point["@type"] == "ContactPoint"
    assert (point["name"], point["telephone"], point["email"]) == (coordinator.name, "+4712345678", coordinator.email)
    assert 'href="kontakt/"' in (example_site / "index.html").read_text(encoding="utf-8")  # in the menu


def test_the_front_page_shows_the_coordinator_and_links_the_contact_page(example_site, coordinator):
    for front in (example_site / "index.html", example_site / "en" / "index.html"):
        html = front.read_text(encoding="utf-8")
        text = Scan(article(html)).text
        assert coordinator.name in text and "+47 12 34 56 78" in text and coordinator.email in text, front
        assert "kontakt/index.html" in links_to(article(html), front, front.parent), front


def test_every_footer_shows_the_coordinator_and_links_the_contact_page(example_site, coordinator):
    pages = 0
    for path in example_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<footer" not in html:
            continue  # embeds have no site chrome
        footer = html[html.index("<footer"):]
        text = Scan(footer).text
        assert coordinator.name in text and "+47 12 34 56 78" in text, path
        edition = example_site / "en" if path.is_relative_to(example_site / "en") else example_site
        if path.name != "404.html":  # answers at any address: its links start at the site root
            assert "kontakt/index.html" in links_to(footer, path, edition), path
        pages += 1
    assert pages > 100


@pytest.mark.parametrize("edition", ["nb", "nn", "en"])
def test_every_page_that_mentions_the_coordinator_links_to_the_contact_page(example_site, nynorsk_example, edition):
    site = {"nb": example_site, "nn": nynorsk_example, "en": example_site / "en"}[edition]
    mentioning = []
    for path in site.rglob("*.html"):
        if edition == "nb" and path.is_relative_to(example_site / "en"):
            continue
        content = article(path.read_text(encoding="utf-8"))
        if not MENTIONS.search(Scan(content).text) or path.parent.name == "kontakt":
            continue
        mentioning.append(path.relative_to(site).as_posix())
        assert "kontakt/index.html" in links_to(content, path, site), path
    expected = {"nb": 5, "nn": 5, "en": 1}[edition]  # the guidance pages and "Om katalogen"
    assert len(mentioning) >= expected, mentioning


CONFIG_WITH = SITE_CONFIG.replace(
    "      areas: [Sentrum, Nordbygda, Sørbygda, Vestsida, Øyane]\n",
    "      areas: [Sentrum, Nordbygda, Sørbygda, Vestsida, Øyane]\n      coordinator: {coordinator}\n",
)


@pytest.mark.parametrize(
    "written, message",
    [
        ("{name: Kari Nordmann, visiting_address: Rådhuset}", "settings.coordinator_unreachable"),
        ("{name: Kari Nordmann, phone: '12345'}", "settings.coordinator_phone"),
        ("{email: kari-at-kommunen}", "settings.coordinator_email"),
        ("{phone: '+47 12 34 56 78', fax: '12345678'}", "settings.bad_option"),
        ("Kari Nordmann", "settings.bad_option"),
    ],
)
def test_a_wrong_coordinator_stops_the_build_with_a_norwegian_line(tmp_path, written, message):
    set_language("nb")
    root = write_site(tmp_path / "site", {}, CONFIG_WITH.replace("{coordinator}", written))
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    expected = t(message, value="12345" if "phone" in message else "kari-at-kommunen", name="coordinator", expected=t("settings.type.coordinator"))
    assert expected in result.stderr, result.stderr
    checked = katalog("check", cwd=root)  # the command line reads the same option, the same way
    assert checked.returncode != 0 and expected in checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_coordinator_reachable_by_phone_alone_is_enough():
    assert check_options({"coordinator": {"phone": "12 34 56 78"}}) == []
    assert check_options({"coordinator": {"phone": 12345678}}) == []  # unquoted, as the data allows
    assert check_options({"coordinator": {"phone": 1234567}}) != []
    assert check_options({"coordinator": {"email": "frivillighet@kommune.no", "role": "Frivilligsentralen"}}) == []
