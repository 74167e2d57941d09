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


def make_site(root: Path, club: str = CLUB) -> Path:
    from conftest import SITE_CONFIG

    return write_site(
        root,
        {
            "data/organizations/klubben.yaml": club,
            "data/organizations/nedlagt.yaml": CLOSED,
            "data/venues/hallen.yaml": VENUE,
            "data/grants/kulturmidler.yaml": GRANT,
            "data/holidays.yaml": HOLIDAYS,
        },
        config=CONFIG_URL + SITE_CONFIG,
    )


def build_feeds(root: Path, today: date = date(2026, 11, 22)) -> dict[str, bytes]:
    settings = read_site_settings(root)
    settings.today = today
    catalog = load_catalog(settings)
    assert catalog.ok, catalog.problems
    return site_files(catalog)
