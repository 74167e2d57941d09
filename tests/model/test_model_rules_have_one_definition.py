"""Each rule of the contract is written once, and that one definition does what it says.

Residents meet these rules everywhere: the same id from the same name in a form and in the
register import, a phone number shown the same way on a page and in the open data, an
address line through a person left out of every output.
"""

from __future__ import annotations

import re

import pytest

from frivilligkatalogen.catalog import load_catalog
from frivilligkatalogen.model.activity import RFC5545_DAYS, WEEKDAYS
from frivilligkatalogen.model.privacy import goes_through_person
from frivilligkatalogen.model.values import ID_LENGTH, is_id, is_web_address, normal_phone, shown_phone, slugify, web_address
from frivilligkatalogen.views import addresses

from conftest import REPO, VALID_VENUE, write_site

PACKAGE = REPO / "plugins" / "frivilligkatalogen"


@pytest.mark.parametrize(
    "name, made",
    [
        ("Café Ünder", "cafe-under"),
        ("Lindvik IL – Håndball", "lindvik-il-handball"),
        ("Bærum Sjøspeidere", "baerum-sjospeidere"),
        ("  KFUK/KFUM  ", "kfuk-kfum"),
        ("!!!", "forening"),
        ("x" * 80, "x" * 60),
    ],
)
def test_a_name_becomes_the_same_id_everywhere(name, made):
    assert slugify(name, "forening") == made
    assert is_id(made)


def test_an_id_is_lowercase_words_joined_by_hyphens_and_not_too_long():
    assert is_id("lindvik-il") and is_id("4h") and is_id("a" * ID_LENGTH)
    for wrong in ("Lindvik", "lindvik--il", "-lindvik", "lindvik_il", "æ", "a" * (ID_LENGTH + 1), ""):
        assert not is_id(wrong), wrong


@pytest.mark.parametrize("typed", ["55 12 34 56", "+47 55 12 34 56", "0047 55123456", "55-12-34-56", "(+47) 55.12.34.56"])
def test_a_phone_number_is_stored_and_shown_one_way(typed):
    assert normal_phone(typed) == "+4755123456"
    assert shown_phone(normal_phone(typed)) == "+47 55 12 34 56"


@pytest.mark.parametrize("typed", ["5512345", "+46 55 12 34 56", "telefon", "551234567"])
def test_what_is_not_a_norwegian_number_is_refused(typed):
    assert normal_phone(typed) is None


def test_a_web_address_has_a_scheme_and_a_host():
    assert is_web_address("https://www.lag.no/side?x=1") and not is_web_address("www.lag.no")
    assert web_address("www.lag.no") == "https://www.lag.no" and web_address("http://lag.no") == "http://lag.no"
    assert web_address("ikke en adresse") is None and web_address("javascript:alert(1)") is None


@pytest.mark.parametrize(
    "line, through",
    [
        ("c/o Kari Nordmann", True), ("Bakkevegen 3 (c/o Kari)", True), ("Storgata 1,c/o Kari", True), ("v/ Kari", True),
        ("Att: styret", True), ("℅ Kari", True), ("co Kari Nordmann", True),
        ("Storgata 12", False), ("Ecovegen 1", False), ("Taco-gata 5", False), ("Nedre Vollgate 3", False),
    ],
)
def test_an_address_line_through_a_person_is_known_by_one_rule(line, through):
    assert goes_through_person(line) is through


def test_the_weekdays_are_named_once():
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert [RFC5545_DAYS[day] for day in WEEKDAYS] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def test_active_organisations_are_chosen_in_one_place(tmp_path):
    org = "name: {name}\ncategories: [1200]\ncontact: {{email: post@lag.no}}\nverified: 2026-09-01\n"
    root = write_site(tmp_path, {
        "data/venues/hallen.yaml": VALID_VENUE,
        "data/organizations/b-lag.yaml": org.format(name="B-laget"),
        "data/organizations/a-lag.yaml": org.format(name="A-laget"),
        "data/organizations/c-lag.yaml": org.format(name="C-laget") + "status: closed\n",
        "data/organizations/d-lag.yaml": org.format(name="D-laget") + "status: inactive\n",
    })
    from frivilligkatalogen.base.config_file import read_site_settings

    catalog = load_catalog(read_site_settings(root))
    assert [org.id for org in catalog.active_organizations()] == ["a-lag", "b-lag"]
    assert [org.id for org in catalog.organizations_by_category()[1200]] == ["a-lag", "b-lag"]


def test_the_rules_are_not_written_again_elsewhere():
    """No second slug, phone or weekday table in the package: the rules above are the only ones."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE).as_posix()
        if name != "model/values.py" and re.search(r'replace\("æ", "ae"\)', text):
            found.append(name)
        if name != "base/reach.py" and re.search(r'(?<!\])\[0-9\]\{8\}|\[\^@\\s', text):
            found.append(name)
        if name != "model/activity.py" and re.search(r'"MO", "TU"|"mon": "MO"', text):
            found.append(name)
    assert found == []


def test_published_addresses_are_made_in_one_module():
    assert addresses.organization_url("lag") == "organisasjoner/lag/"
    assert addresses.feed_path_single("lag", "trening") == "kalender/neste/lag--trening.ics"
    assert addresses.relative_link("organisasjoner/lag/", "lokaler/hallen/") == "../../lokaler/hallen/"
