"""Open data: every active association, venue and activity as JSON and CSV, the same as the pages publish."""

from __future__ import annotations

import csv
import io
import json

import pytest

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.views.exports import records
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO, VALID_VENUE, mkdocs_build, write_site


@pytest.fixture(scope="module")
def catalog():
    loaded = load_catalog(read_site_settings(REPO))
    loaded.settings.today = __import__("datetime").date(2026, 11, 22)
    return loaded


def load_json(site, name):
    return json.loads((site / f"data/{name}.json").read_text(encoding="utf-8"))


def test_exports_hold_every_active_association_venue_and_activity(example_site, catalog):
    active = [o for o in catalog.organizations.values() if o.is_active]
    organizations = load_json(example_site, "organisasjoner")
    assert sorted(r["id"] for r in organizations["records"]) == sorted(o.id for o in active)
    assert sorted(r["id"] for r in load_json(example_site, "lokaler")["records"]) == sorted(catalog.venues)
    activities = {(r["organization"], r["id"]) for r in load_json(example_site, "aktiviteter")["records"]}
    assert activities == {(o.id, a.id) for o in active for a in o.activities or []}
    assert organizations["licence"]["url"] == "https://data.norge.no/nlod/no/2.0"


def test_reading_the_json_back_gives_the_same_records(example_site, catalog):
    expected = records(catalog)
    for name in ("organisasjoner", "lokaler", "aktiviteter"):
        assert load_json(example_site, name)["records"] == expected[f"data/{name}"]
    skolekorps = next(r for r in load_json(example_site, "organisasjoner")["records"] if r["id"] == "lindvik-skolekorps")
    org = catalog.organizations["lindvik-skolekorps"]
    assert skolekorps["name"] == org.name and [c["code"] for c in skolekorps["categories"]] == org.categories
    assert skolekorps["contact"]["phone"] == org.contact.phone and skolekorps["verified"] == org.verified.isoformat()


def test_csv_opens_in_a_spreadsheet_with_norwegian_letters(example_site):
    raw = (example_site / "data/organisasjoner.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "navn", "organisasjonsnummer"]
    names = {row[1] for row in rows[1:]}
    assert "Kor «Lysglimt»" in names and any("ø" in name or "å" in name for name in names)
    assert all(len(row) == len(rows[0]) for row in rows)


def test_exports_publish_no_more_than_the_pages(tmp_path):
    from test_privacy_rules import ORG as org  # the same association: consent given, a c/o line

    write_site(tmp_path, {"data/organizations/laget.yaml": org, "data/venues/hallen.yaml": VALID_VENUE})
    assert mkdocs_build(tmp_path, tmp_path / "site").returncode == 0
    for name in ("organisasjoner.json", "organisasjoner.csv"):
        text = (tmp_path / "site/data" / name).read_text(encoding="utf-8-sig")
        assert "Ola Hansen" not in text and "Kari Nordmann" in text and "5700" in text
