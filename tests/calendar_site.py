"""A small site with the activities the calendar tests need, built without MkDocs."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.build.outputs import site_files
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import write_site

VENUE = """\
name: Hallen
type: sports_hall
address: {street: Hallveien 1, postal_code: "5700", city: Lindvik}
geo: {lat: 60.45, lon: 5.3}
verified: 2026-09-01
"""

HOLIDAYS = """\
school_holidays:
  - {name: Høstferie, from: 2026-10-05, until: 2026-10-09}
  - {name: Juleferie, from: 2026-12-21, until: 2027-01-01}
  - {name: Vinterferie, from: 2027-02-22, until: 2027-02-26}
"""

CLUB = """\
name: Klubben
categories: [1200]
contact: {email: post@klubben.no}
verified: 2026-09-01
activities:
  - id: trening
    title: "Trening: æøå, ; \\\\ og mer"
    description: "Første linje\\nAndre linje med æøå, komma; semikolon og \\\\ skråstrek"
    venue: hallen
    price: {free: true}
    schedule:
      - days: [tue]
        start: "18:00"
        end: "20:00"
        from: 2026-09-01
        until: 2027-04-27
        except: [2026-11-10]
        skip_school_holidays: true
  - id: torsdag
    title: Torsdagstrening
    venue: hallen
    schedule:
      - days: [thu]
        start: "17:00"
        end: "18:00"
        from: 2027-04-01
        until: 2027-06-10
  - id: arrangement
    title: Grunnlovsfest
    location: Torget, Lindvik
    dates:
      - {start: 2027-05-17T10:00, end: 2027-05-17T14:00}
      - {date: 2027-03-06, end_date: 2027-03-07}
      - {start: 2026-12-13T17:00, end: 2026-12-13T18:30, cancelled: true}
  - id: avlyst
    title: Avlyst kurs
    status: cancelled
    online: https://meet.klubben.no/kurs
    schedule:
      - {days: [mon], start: "19:00", end: "20:00", from: 2026-09-07, until: 2026-12-14}
  - id: annenhver
    title: Annenhver onsdag
    venue: hallen
    schedule:
      - {days: [wed, fri], start: "12:00", end: "13:00", from: 2026-09-04, every: 2}
  - id: siste
    title: Siste torsdag
    venue: hallen
    schedule:
      - {days: [thu], start: "19:00", end: "21:00", from: 2026-09-01, week_of_month: -1, skip_public_holidays: false}
"""

CLOSED = """\
name: Nedlagt lag
categories: [1200]
status: closed
contact: {email: post@nedlagt.no}
verified: 2026-09-01
activities:
  - id: gammelt
    title: Gammelt møte
    venue: hallen
    dates: [{start: 2026-12-01T18:00, end: 2026-12-01T19:00}]
"""

GRANT = """\
name: Kulturmidler
provider: Lindvik kommune
deadlines: [2027-03-15, 2027-09-15]
url: https://lindvik.no/kulturmidler
verified: 2026-10-01
"""

CONFIG_URL = "site_url: https://katalog.lindvik.no/\n"

# A second part for strict readers and long expansions: names with "," and ";", open-ended rules
# that meet on public and school holidays, and an association, a venue and a category with only
# past or cancelled dates (nothing coming).

GYMSAL = """\
name: Fjordvik skole, gymsal
type: school
address: {street: Skolevegen 2, postal_code: "5700", city: Lindvik}
verified: 2026-09-01
"""

BEDEHUSET = """\
name: Bedehuset; lillesalen
type: other
address: {street: Kyrkjevegen 5, postal_code: "5700", city: Lindvik}
verified: 2026-09-01
"""

FJORDVIK = """\
name: Fjordvik idrettslag, trim og turn
categories: [1200]
contact: {email: post@fjordvik-il.no}
verified: 2026-09-01
activities:
  - id: trim
    title: Trim, styrke og balanse
    venue: gymsal
    schedule:
      - {days: [mon, thu], start: "18:00", end: "19:00", from: 2026-09-01, skip_school_holidays: true, except: [2026-12-03, 2027-09-06]}
  - id: morgentrim
    title: Morgentrim
    venue: gymsal
    schedule:
      - {days: [mon, tue, wed, thu, fri, sat, sun], start: "07:00", end: "08:00", from: 2026-11-01, skip_school_holidays: true}
  - id: sondagstur
    title: Søndagstur
    location: Fjordvik kai
    schedule:
      - {days: [sun], week_of_month: 1, start: "11:00", end: "13:00", from: 2026-09-01}
  - id: torsdag
    title: Torsdagsturn
    venue: gymsal
    schedule:
      - {days: [thu], start: "17:00", end: "18:00", from: 2026-09-01, until: 2031-06-26}
  - id: avslutning
    title: Juleavslutning
    venue: gymsal
    dates:
      - {start: 2026-12-17T18:00, end: 2026-12-17T20:00, cancelled: true}
      - {start: 2027-06-17T18:00, end: 2027-06-17T20:00}
"""

STILLE = """\
name: Stille venner
categories: [5200]
contact: {email: post@stille.no}
verified: 2026-09-01
activities:
  - id: arsmote
    title: Årsmøte
    venue: bedehuset
    dates:
      - {start: 2026-03-01T18:00, end: 2026-03-01T20:00}
      - {start: 2027-03-01T18:00, end: 2027-03-01T20:00, cancelled: true}
  - id: kurs
    title: Kurs i dyrestell
    status: cancelled
    venue: bedehuset
    schedule:
      - {days: [tue], start: "19:00", end: "21:00", from: 2026-09-01}
"""

STRICT = {
    "data/venues/gymsal.yaml": GYMSAL,
    "data/venues/bedehuset.yaml": BEDEHUSET,
    "data/organizations/fjordvik.yaml": FJORDVIK,
    "data/organizations/stille.yaml": STILLE,
}
"""The strict readers' part, added to :func:`make_site` by ``extra=STRICT``."""


def make_site(
    root: Path, club: str = CLUB, extra: dict[str, str] | None = None, language: str = "nb"
) -> Path:
    from conftest import SITE_CONFIG

    return write_site(
        root,
        {
            "data/organizations/klubben.yaml": club,
            "data/organizations/nedlagt.yaml": CLOSED,
            "data/venues/hallen.yaml": VENUE,
            "data/grants/kulturmidler.yaml": GRANT,
            "data/holidays.yaml": HOLIDAYS,
            **(extra or {}),
        },
        config=CONFIG_URL + SITE_CONFIG.replace("language: nb", f"language: {language}"),
    )


def build_feeds(root: Path, today: date = date(2026, 11, 22)) -> dict[str, bytes]:
    settings = read_site_settings(root)
    settings.today = today
    catalog = load_catalog(settings)
    assert catalog.ok, catalog.problems
    return site_files(catalog)
