"""A value means what its editor typed: no YAML 1.1 guessing, and positions kept."""

from datetime import date, time
from pathlib import Path

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.yaml_source import Mapping, Scalar, parse_text

from conftest import VALID_VENUE, write_site

ORG = """\
name: No
categories: [1200]
languages: [no, nb]
contact: {phone: 55701234, email: post@test.no}
address: {street: Gata 1, postal_code: 0150, city: Oslo}
verified: 2026-09-01
registered_in_frivillighetsregisteret: yes
activities:
  - id: trening
    title: Trening
    venue: hallen
    audience: {age_min: 010}
    schedule:
      - days: [tue]
        start: 18:00
        end: 19:30
        from: 2026-08-18
"""


def load(tmp_path: Path, org_text: str):
    write_site(tmp_path, {"data/organizations/laget.yaml": org_text, "data/venues/hallen.yaml": VALID_VENUE})
    return load_catalog(Settings(root=tmp_path))


def test_postal_code_phone_time_and_language_keep_what_was_typed(tmp_path):
    catalog = load(tmp_path, ORG.replace("registered_in_frivillighetsregisteret: yes\n", ""))
    assert catalog.ok, catalog.problems
    org = catalog.organizations["laget"]
    assert org.name == "No"  # not False
    assert org.address.postal_code == "0150"  # not 104
    assert org.languages == ["no", "nb"]  # not [False, "nb"]
    assert org.contact.phone == "+4755701234"
    rule = org.activities[0].schedule[0]
    assert rule.start == time(18, 0) and rule.end == time(19, 30)  # not 1080 / 1170
    assert rule.first == date(2026, 8, 18)
    assert org.activities[0].audience.age_min == 10
    assert org.verified == date(2026, 9, 1)


def test_yaml_11_booleans_are_not_booleans(tmp_path):
    catalog = load(tmp_path, ORG)
    [problem] = catalog.problems
    assert problem.field == "registered_in_frivillighetsregisteret"
    assert problem.line == 7
    assert "true" in problem.message and "false" in problem.message


def test_defaults_apply_only_where_the_editor_wrote_nothing(tmp_path):
    catalog = load(tmp_path, ORG.replace("languages: [no, nb]\n", "").replace("registered_in_frivillighetsregisteret: yes\n", ""))
    org = catalog.organizations["laget"]
    assert org.languages == ["nb"]
    assert org.status == "active"
    rule = org.activities[0].schedule[0]
    assert rule.every == 1 and rule.skip_public_holidays is True and rule.skip_school_holidays is False


def test_every_scalar_keeps_its_line_and_column():
    document = parse_text("a: 1\nb:\n  c: '0150'\n  d: [x, y]\n")
    root = document.root
    assert isinstance(root, Mapping)
    c = root.values["b"].values["c"]
    assert (c.value, c.line, c.column) == ("0150", 3, 6)
    y = root.values["b"].values["d"].items[1]
    assert (y.value, y.line, y.column) == ("y", 4, 10)
    assert isinstance(root.values["a"], Scalar) and root.values["a"].value == "1"


def test_empty_and_null_values_are_none():
    document = parse_text("a:\nb: ~\nc: ''\n")
    values = document.root.values
    assert values["a"].value is None and values["b"].value is None
    assert values["c"].value == ""  # quoted empty text is text
