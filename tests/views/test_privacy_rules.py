"""What is never published: a person's name without consent, a c/o line from the business register."""

from __future__ import annotations

from conftest import VALID_VENUE, katalog, mkdocs_build, write_site
from htmlscan import Scan

ORG = """\
name: Laget
categories: [1200]
contact:
  email: post@laget.no
  person: {name: Kari Nordmann, role: leder, consent: true}
address: {street: c/o Ola Hansen, postal_code: "5700", city: Lindvik}
verified: 2026-09-01
"""


def test_c_o_line_is_never_published(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG, "data/venues/hallen.yaml": VALID_VENUE})
    out = tmp_path / "site"
    assert mkdocs_build(tmp_path, out).returncode == 0
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".xml", ".txt"):
            assert "Ola Hansen" not in path.read_text(encoding="utf-8", errors="replace"), path
    text = Scan((out / "organisasjoner/laget/index.html").read_text(encoding="utf-8")).text
    assert "5700 Lindvik" in text and "Kari Nordmann, leder" in text


def test_person_without_consent_stops_the_build(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG.replace(", consent: true", "")})
    result = katalog("check", str(tmp_path))
    assert result.returncode == 1
    assert "data/organizations/laget.yaml:5:" in result.stdout and "contact.person.consent: " in result.stdout


def test_privacy_page_says_what_is_published(example_site):
    text = Scan((example_site / "personvern/index.html").read_text(encoding="utf-8")).text
    for words in ("samtykke", "c/o", "informasjonskapsler", "fjerne"):
        assert words in text
