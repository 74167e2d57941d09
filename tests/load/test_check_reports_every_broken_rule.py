"""``katalog check`` and ``mkdocs build`` report each broken contract rule once, at its line and field.

Every case below is a copy of a valid file with one rule broken. The line the
error must point at carries the marker ``#!`` (or the case names the line).
All cases go into one folder beside valid files, and one run must report
exactly one line per case and nothing for the valid files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import VALID_VENUE, katalog, mkdocs_build, write_site

VALID_ORG = """\
name: Testlaget
org_number: "971497017"
categories: [1200, 13100]
tags: [fotball, håndball]
summary: Kort om laget.
description: Lang **tekst**.
audience: {age_min: 6, age_max: 16, groups: [children]}
languages: [nb, no]
area: Sentrum
contact:
  email: post@test.no
  phone: 55 12 34 56
  website: https://test.no
  person: {name: Kari Nordmann, role: leder, consent: true}
social: {facebook: https://facebook.com/test}
address: {street: Gata 1, postal_code: 0150, city: Oslo}
venues: [hallen]
membership: {fee: 100, per: year, reduced: true, note: Rabatt.}
volunteering:
  - {title: Trenere, description: Hjelp oss., contact: post@test.no}
registered_in_frivillighetsregisteret: true
status: active
verified: 2026-09-01
activities:
  - id: trening
    title: Trening
    venue: hallen
    audience: {age_min: 6, age_max: 9}
    price: {free: true}
    signup: {required: true, url: https://test.no/p, deadline: 2026-08-01}
    status: active
    schedule:
      - days: [tue, thu]
        start: 18:00
        end: "19:30"
        from: 2026-08-18
        until: 2027-06-15
        every: 1
        except: [2026-11-10]
        skip_school_holidays: true
        skip_public_holidays: true
      - days: [sat]
        start: "10:00"
        end: "11:00"
        from: 2026-09-05
        week_of_month: -1
  - id: konsert
    title: Konsert
    location: Torget 1, Lindvik
    price: {amount: 100, per: time, note: Barn gratis.}
    dates:
      - {start: 2026-12-13T17:00, end: 2026-12-13T18:30}
      - {date: 2027-03-06, end_date: 2027-03-07, cancelled: true}
  - id: nettmote
    title: Nettmøte
    online: https://meet.test.no/x
    dates:
      - {date: 2027-01-10}
"""

FULL_VENUE = """\
name: Grendehuset
type: community_house
description: Et *fint* hus.
address: {street: Vegen 2, postal_code: 5701, city: Lindvik}
geo: {lat: 60.45, lon: 5.30}
owner: {name: Lindvik kommune, kind: municipal}
capacity: 150
area_m2: 320.5
facilities: [kitchen, stage]
accessibility: [step_free_entrance]
accessibility_note: Trinnfritt.
suitable_for: [meetings, parties]
booking: {url: https://booking.test.no, email: booking@test.no, phone: "+47 55 00 00 00", price: Gratis., free_for_volunteers: true, note: Ring.}
images:
  - {src: /assets/hus.jpg, alt: Grendehuset sett fra vegen}
verified: 2026-08-20
"""

VALID_GRANT = """\
name: Kulturmidler
provider: Lindvik kommune
description: Driftstilskudd.
amount: Inntil 20 000 kroner
eligibility: Lag i kommunen.
deadlines: [2027-03-15, 2027-09-15]
url: https://test.no/kulturmidler
verified: 2026-10-01
"""

VALID_HOLIDAYS = """\
school_holidays:
  - {name: Høstferie, from: 2026-10-05, until: 2026-10-09}
  - {name: Juleferie, from: 2026-12-21, until: 2027-01-01}
"""

BASES = {"organizations": VALID_ORG, "venues": FULL_VENUE, "grants": VALID_GRANT, "holidays": VALID_HOLIDAYS}


@dataclass
class Case:
    name: str
    kind: str
    old: str
    new: str
    field: str
    says: str
    line: int | None = None

    def marked(self) -> str:
        base = BASES[self.kind]
        assert base.count(self.old) == 1, f"{self.name}: «{self.old}» must occur once"
        return base.replace(self.old, self.new)

    def text(self) -> str:
        """The file as written: the marker only tells the test which line, it is not in the file."""
        return self.marked().replace(" #!", "")

    def expected_line(self) -> int:
        if self.line is not None:
            return self.line
        lines = [i for i, line in enumerate(self.marked().splitlines(), 1) if "#!" in line]
        assert len(lines) == 1, f"{self.name}: mark exactly one line"
        return lines[0]

    def path(self) -> str:
        if self.kind == "holidays":
            return "data/holidays.yaml"
        return f"data/{self.kind}/{self.name}.yaml"


O, V, G = "organizations", "venues", "grants"
CASES = [
    # Organization
    Case("org-name-missing", O, "name: Testlaget\n", "", "name", "mangler", line=1),
    Case("org-name-short", O, "name: Testlaget", "name: X #!", "name", "minst 2 tegn"),
    Case("org-name-long", O, "name: Testlaget", "name: " + "x" * 121 + " #!", "name", "høyst 120"),
    Case("org-orgnr-length", O, 'org_number: "971497017"', 'org_number: "97149701" #!', "org_number", "9 siffer"),
    Case("org-orgnr-first", O, 'org_number: "971497017"', 'org_number: "771497017" #!', "org_number", "8 eller 9"),
    Case("org-orgnr-check", O, 'org_number: "971497017"', 'org_number: "971497018" #!', "org_number", "kontrollsiffer"),
    Case("org-categories-missing", O, "categories: [1200, 13100]\n", "", "categories", "mangler", line=1),
    Case("org-categories-empty", O, "categories: [1200, 13100]", "categories: [] #!", "categories", "minst ett"),
    Case("org-categories-four", O, "categories: [1200, 13100]", "categories: [1200, 13100, 1100, 1300] #!", "categories", "høyst 3"),
    Case("org-category-unknown", O, "categories: [1200, 13100]", "categories: [1200, 1250] #!", "categories[1]", "kategorikode"),
    Case("org-category-repeated", O, "categories: [1200, 13100]", "categories: [1200, 1200] #!", "categories[1]", "to ganger"),
    Case("org-tag-uppercase", O, "tags: [fotball, håndball]", "tags: [Fotball] #!", "tags[0]", "stikkord"),
    Case("org-summary-long", O, "summary: Kort om laget.", "summary: " + "y" * 201 + " #!", "summary", "høyst 200"),
    Case("org-description-long", O, "description: Lang **tekst**.", "description: " + "z" * 5001 + " #!", "description", "høyst 5000"),
    Case("org-age-range", O, "audience: {age_min: 6, age_max: 16, groups: [children]}", "audience: {age_min: 121} #!", "audience.age_min", "0–120"),
    Case("org-age-order", O, "audience: {age_min: 6, age_max: 16, groups: [children]}", "audience: {age_min: 16, age_max: 6} #!", "audience.age_max", "høyere"),
    Case("org-age-not-integer", O, "audience: {age_min: 6, age_max: 16, groups: [children]}", "audience: {age_min: seks} #!", "audience.age_min", "heltall"),
    Case("org-group-unknown", O, "groups: [children]}", "groups: [kids]} #!", "audience.groups[0]", "children"),
    Case("org-language-unknown", O, "languages: [nb, no]", "languages: [nb, norsk] #!", "languages[1]", "ISO 639-1"),
    Case("org-area-unknown", O, "area: Sentrum", "area: Månen #!", "area", "Nordbygda"),
    Case("org-contact-missing", O, "contact:\n  email: post@test.no\n  phone: 55 12 34 56\n  website: https://test.no\n  person: {name: Kari Nordmann, role: leder, consent: true}\n", "", "contact", "mangler", line=1),
    Case("org-contact-none", O, "contact:\n  email: post@test.no\n  phone: 55 12 34 56\n  website: https://test.no\n  person: {name: Kari Nordmann, role: leder, consent: true}\n", "contact:\n  person: {name: Kari Nordmann, consent: true} #!\n", "contact", "minst ett"),
    Case("org-email", O, "  email: post@test.no\n", "  email: post(at)test.no #!\n", "contact.email", "e-postadresse"),
    Case("org-phone", O, "  phone: 55 12 34 56", "  phone: 1234 #!", "contact.phone", "8 siffer"),
    Case("org-website", O, "  website: https://test.no", "  website: www.test.no #!", "contact.website", "https://"),
    Case("org-person-consent", O, "person: {name: Kari Nordmann, role: leder, consent: true}", "person: {name: Kari Nordmann, role: leder} #!", "contact.person.consent", "samtykke"),
    Case("org-social", O, "social: {facebook: https://facebook.com/test}", "social: {facebook: facebook.com/test} #!", "social.facebook", "https://"),
    Case("org-postal-code", O, "postal_code: 0150", "postal_code: 150 #!", "address.postal_code", "4 siffer"),
    Case("org-venue-unknown", O, "venues: [hallen]", "venues: [hallen, skuret] #!", "venues[1]", "skuret"),
    Case("org-fee-negative", O, "membership: {fee: 100,", "membership: {fee: -5, #!", "membership.fee", "laveste"),
    Case("org-fee-period", O, "per: year, reduced", "per: week, reduced #!", "membership.per", "semester"),
    Case("org-reduced-bool", O, "reduced: true, note: Rabatt.}", "reduced: kanskje, note: Rabatt.} #!", "membership.reduced", "true"),
    Case("org-volunteering-title", O, "  - {title: Trenere, description: Hjelp oss., contact: post@test.no}", "  - {description: Hjelp oss.} #!", "volunteering[0].title", "mangler"),
    Case("org-volunteering-contact", O, "contact: post@test.no}", "contact: ring oss} #!", "volunteering[0].contact", "e-postadresse"),
    Case("org-frivreg-bool", O, "registered_in_frivillighetsregisteret: true", "registered_in_frivillighetsregisteret: ja #!", "registered_in_frivillighetsregisteret", "true"),
    Case("org-status", O, "status: active\nverified", "status: sovende #!\nverified", "status", "inactive"),
    Case("org-verified-missing", O, "verified: 2026-09-01\n", "", "verified", "mangler", line=1),
    Case("org-verified-date", O, "verified: 2026-09-01", "verified: 1. september #!", "verified", "ÅÅÅÅ-MM-DD"),
    Case("org-unknown-key", O, "area: Sentrum", "area: Sentrum\nadress: Gata 1 #!", "adress", "address"),
    # Activity
    Case("act-id-slug", O, "  - id: trening", "  - id: Trening 1 #!", "activities[0].id", "id"),
    Case("act-id-repeated", O, "  - id: konsert", "  - id: trening #!", "activities[1].id", "allerede brukt"),
    Case("act-title-short", O, "    title: Trening\n", "    title: Tr #!\n", "activities[0].title", "minst 3"),
    Case("act-venue-unknown", O, "    venue: hallen\n    audience", "    venue: skuret #!\n    audience", "activities[0].venue", "skuret"),
    Case("act-no-place", O, "    location: Torget 1, Lindvik\n", "", "activities[1]", "venue", line=None),
    Case("act-two-places", O, "    online: https://meet.test.no/x\n", "    online: https://meet.test.no/x\n    location: Torget\n", "activities[2]", "location", line=None),
    Case("act-online-url", O, "online: https://meet.test.no/x", "online: teams #!", "activities[2].online", "https://"),
    Case("act-price-shape", O, "price: {free: true}", "price: {note: Billig} #!", "activities[0].price", "free: true"),
    Case("act-price-negative", O, "price: {amount: 100,", "price: {amount: -1, #!", "activities[1].price.amount", "laveste"),
    Case("act-signup-url", O, "url: https://test.no/p,", "url: test.no/p, #!", "activities[0].signup.url", "https://"),
    Case("act-signup-deadline", O, "deadline: 2026-08-01}", "deadline: 2026-13-01} #!", "activities[0].signup.deadline", "ÅÅÅÅ-MM-DD"),
    Case("act-status", O, "    status: active\n", "    status: pause #!\n", "activities[0].status", "cancelled"),
    Case("act-no-when", O, "    dates:\n      - {date: 2027-01-10}\n", "", "activities[2]", "schedule", line=None),
    Case("act-both-when", O, "    dates:\n      - {date: 2027-01-10}\n", "    dates:\n      - {date: 2027-01-10}\n    schedule:\n      - {days: [mon], start: '10:00', end: '11:00', from: 2027-01-01}\n", "activities[2]", "schedule", line=None),
    # Recurrence rule
    Case("rule-days-missing", O, "      - days: [sat]\n        start: \"10:00\"", "      - start: \"10:00\" #!", "activities[0].schedule[1].days", "mangler"),
    Case("rule-day-unknown", O, "days: [tue, thu]", "days: [tue, tirsdag] #!", "activities[0].schedule[0].days[1]", "mon"),
    Case("rule-day-repeated", O, "days: [tue, thu]", "days: [tue, tue] #!", "activities[0].schedule[0].days[1]", "to ganger"),
    Case("rule-start-format", O, "start: 18:00", "start: 18.00 #!", "activities[0].schedule[0].start", "«18.00» er ikke et klokkeslett på formen TT:MM"),
    Case("rule-end-before-start", O, 'end: "19:30"', 'end: "17:30" #!', "activities[0].schedule[0].end", "etter start"),
    Case("rule-from-missing", O, "        from: 2026-09-05\n", "", "activities[0].schedule[1].from", "mangler", line=None),
    Case("rule-until-before-from", O, "until: 2027-06-15", "until: 2026-06-15 #!", "activities[0].schedule[0].until", "før startdato"),
    Case("rule-every-range", O, "every: 1", "every: 5 #!", "activities[0].schedule[0].every", "1–4"),
    Case("rule-week-of-month", O, "week_of_month: -1", "week_of_month: 5 #!", "activities[0].schedule[1].week_of_month", "-1"),
    Case("rule-except-weekday", O, "except: [2026-11-10]", "except: [2026-11-11] #!", "activities[0].schedule[0].except[0]", "ukedagene"),
    Case("rule-except-outside", O, "except: [2026-11-10]", "except: [2027-11-09] #!", "activities[0].schedule[0].except[0]", "utenfor"),
    Case("rule-skip-school-bool", O, "skip_school_holidays: true", "skip_school_holidays: ja #!", "activities[0].schedule[0].skip_school_holidays", "true"),
    Case("rule-skip-public-bool", O, "skip_public_holidays: true", "skip_public_holidays: nei #!", "activities[0].schedule[0].skip_public_holidays", "false"),
    # Single dates
    Case("date-end-before-start", O, "end: 2026-12-13T18:30}", "end: 2026-12-13T16:30} #!", "activities[1].dates[0].end", "etter start"),
    Case("date-missing-end", O, "{start: 2026-12-13T17:00, end: 2026-12-13T18:30}", "{start: 2026-12-13T17:00} #!", "activities[1].dates[0].end", "Mangler"),
    Case("date-format", O, "{start: 2026-12-13T17:00,", "{start: 13.12.2026 17:00, #!", "activities[1].dates[0].start", "f.eks. 2026-12-13T17:00"),
    Case("date-end-date", O, "end_date: 2027-03-07", "end_date: 2027-03-05 #!", "activities[1].dates[1].end_date", "før startdatoen"),
    Case("date-cancelled-bool", O, "cancelled: true}", "cancelled: avlyst} #!", "activities[1].dates[1].cancelled", "true"),
    # Venue
    Case("venue-name-missing", V, "name: Grendehuset\n", "", "name", "mangler", line=1),
    Case("venue-type", V, "type: community_house", "type: grendehus #!", "type", "community_house"),
    Case("venue-address-missing", V, "address: {street: Vegen 2, postal_code: 5701, city: Lindvik}\n", "", "address", "mangler", line=1),
    Case("venue-postal-code", V, "postal_code: 5701", "postal_code: 57011 #!", "address.postal_code", "4 siffer"),
    Case("venue-lat", V, "lat: 60.45", "lat: 45.0 #!", "geo.lat", "57,9–81,1"),
    Case("venue-lon", V, "lon: 5.30}", "lon: 40.0} #!", "geo.lon", "33,7"),
    Case("venue-owner-kind", V, "kind: municipal}", "kind: kommunal} #!", "owner.kind", "municipal"),
    Case("venue-capacity", V, "capacity: 150", "capacity: -1 #!", "capacity", "laveste"),
    Case("venue-area", V, "area_m2: 320.5", "area_m2: 0 #!", "area_m2", "større enn 0"),
    Case("venue-facility", V, "facilities: [kitchen, stage]", "facilities: [kitchen, sauna] #!", "facilities[1]", "projector"),
    Case("venue-accessibility", V, "accessibility: [step_free_entrance]", "accessibility: [ramp] #!", "accessibility[0]", "elevator"),
    Case("venue-suitable", V, "suitable_for: [meetings, parties]", "suitable_for: [bingo] #!", "suitable_for[0]", "meetings"),
    Case("venue-booking-none", V, "booking: {url: https://booking.test.no, email: booking@test.no, phone: \"+47 55 00 00 00\", price: Gratis., free_for_volunteers: true, note: Ring.}", "booking: {price: Gratis.} #!", "booking", "minst ett"),
    Case("venue-image-alt", V, "alt: Grendehuset sett fra vegen}", "alt: ''} #!", "images[0].alt", "tomt"),
    Case("venue-verified-missing", V, "verified: 2026-08-20\n", "", "verified", "mangler", line=1),
    # Grant
    Case("grant-name-missing", G, "name: Kulturmidler\n", "", "name", "mangler", line=1),
    Case("grant-provider-missing", G, "provider: Lindvik kommune\n", "", "provider", "mangler", line=1),
    Case("grant-deadlines-empty", G, "deadlines: [2027-03-15, 2027-09-15]", "deadlines: [] #!", "deadlines", "minst ett"),
    Case("grant-deadline-date", G, "deadlines: [2027-03-15, 2027-09-15]", "deadlines: [15. mars] #!", "deadlines[0]", "ÅÅÅÅ-MM-DD"),
    Case("grant-url", G, "url: https://test.no/kulturmidler", "url: ftp://test.no #!", "url", "https://"),
    Case("grant-verified-missing", G, "verified: 2026-10-01\n", "", "verified", "mangler", line=1),
    # Holidays
    Case("holidays-order", "holidays", "{name: Høstferie, from: 2026-10-05, until: 2026-10-09}", "{name: Høstferie, from: 2026-10-09, until: 2026-10-05} #!", "school_holidays[0].until", "før startdato"),
]

# Cases whose reported line is the start of the record the rule is about.
RECORD_LINES = {
    "act-no-place": "  - id: konsert",
    "act-two-places": "  - id: nettmote",
    "act-no-when": "  - id: nettmote",
    "act-both-when": "  - id: nettmote",
    "rule-from-missing": "      - days: [sat]",
}


def expected_line(case: Case) -> int:
    if case.name in RECORD_LINES:
        return case.text().splitlines().index(RECORD_LINES[case.name]) + 1
    return case.expected_line()


LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<field>\S+): (?P<message>.*)$")


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> tuple[Path, list]:
    """One folder holding the valid files and one file per broken rule.

    The holidays case is the only holidays file, so the valid one is left out.
    """
    root = tmp_path_factory.mktemp("broken")
    files = {
        "data/organizations/gyldig-lag.yaml": VALID_ORG,
        "data/venues/hallen.yaml": VALID_VENUE,
        "data/venues/grendehuset.yaml": FULL_VENUE,
        "data/grants/gyldig-tilskudd.yaml": VALID_GRANT,
    }
    for case in CASES:
        files[case.path()] = case.text()
    write_site(root, files)
    return root, CASES


def parse_output(text: str) -> list[dict]:
    return [LINE.match(line).groupdict() for line in text.splitlines() if LINE.match(line)]


def test_valid_example_files_are_valid(tmp_path):
    write_site(tmp_path, {
        "data/organizations/gyldig-lag.yaml": VALID_ORG,
        "data/venues/hallen.yaml": VALID_VENUE,
        "data/venues/grendehuset.yaml": FULL_VENUE,
        "data/grants/gyldig-tilskudd.yaml": VALID_GRANT,
        "data/holidays.yaml": VALID_HOLIDAYS,
    })
    result = katalog("check", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "organisasjoner: 1, lokaler: 2, tilskuddsordninger: 1" in result.stdout


def test_check_prints_one_line_per_broken_rule(broken_site):
    root, cases = broken_site
    result = katalog("check", str(root))
    assert result.returncode == 1
    reported = parse_output(result.stdout)
    assert len(reported) == len(result.stdout.strip().splitlines()), "every output line has the contract's form"
    for case in cases:
        lines = [r for r in reported if r["path"] == case.path()]
        assert len(lines) == 1, f"{case.name}: expected one line, got {lines}"
        [found] = lines
        assert found["field"] == case.field, case.name
        assert int(found["line"]) == expected_line(case), f"{case.name}: {found}"
        assert case.says in found["message"], f"{case.name}: {found['message']}"
    valid = {"data/organizations/gyldig-lag.yaml", "data/venues/hallen.yaml", "data/venues/grendehuset.yaml", "data/grants/gyldig-tilskudd.yaml"}
    assert not [r for r in reported if r["path"] in valid]
    assert len(reported) == len(cases)


def test_check_prints_github_annotations_in_actions(broken_site):
    root, cases = broken_site
    result = katalog("check", str(root), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error file=")]
    assert len(annotations) == len(cases)
    assert any(a.startswith("::error file=data/organizations/rule-start-format.yaml,line=") for a in annotations)


def test_mkdocs_build_fails_with_the_same_messages(broken_site, tmp_path):
    root, cases = broken_site
    check = katalog("check", str(root))
    build = mkdocs_build(root, tmp_path / "site")
    assert build.returncode != 0
    for line in check.stdout.strip().splitlines():
        assert line in build.stderr
    assert not (tmp_path / "site" / "organisasjoner").exists(), "nothing is published half-valid"


def test_file_level_problems(tmp_path):
    write_site(tmp_path, {
        "data/organizations/Feil_Navn.yaml": VALID_ORG.replace("venues: [hallen]\n", "").replace("venue: hallen", "location: Hallen"),
        "data/organizations/notat.txt": "hei",
        "data/venues/syntaks.yaml": "name: Hus\ntype: gym\naddress: {street: Vei 1\n",
        "data/venues/tom.yaml": "",
    })
    result = katalog("check", str(tmp_path))
    out = result.stdout
    assert result.returncode == 1
    assert "data/organizations/Feil_Navn.yaml:1:1: Filnavnet «Feil_Navn»" in out
    assert "data/organizations/notat.txt:1:1: Bare YAML-filer" in out
    assert "data/venues/syntaks.yaml:" in out
    assert "data/venues/tom.yaml:1:1: Filen er tom." in out


def test_the_same_date_twice_is_refused(tmp_path):
    org = VALID_ORG.replace("      - {date: 2027-01-10}\n", "      - {date: 2027-01-10}\n      - {date: 2027-01-10}\n")
    write_site(tmp_path, {"data/organizations/lag.yaml": org, "data/venues/hallen.yaml": VALID_VENUE})
    result = katalog("check", str(tmp_path))
    assert result.returncode == 1 and "activities[2].dates[1]: Samme tidspunkt står allerede som dato nr. 1" in result.stdout
