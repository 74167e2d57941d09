"""Odd and hostile input from a pull request: a Norwegian message, never a traceback, never a leak."""

from __future__ import annotations

import os

import pytest

from conftest import VALID_VENUE, katalog, write_site

ORG = """\
name: Laget
categories: [1200]
contact: {email: post@test.no}
verified: 2026-09-01
"""


def check(tmp_path, files):
    write_site(tmp_path, files)
    result = katalog("check", str(tmp_path))
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    "extra, field, says",
    [
        ("membership: {fee: " + "9" * 5000 + "}\n", "membership.fee", "heltall"),
        ("audience: {age_min: '١٨'}\n", "audience.age_min", "heltall"),
        ("address: {postal_code: '٥١١٧'}\n", "address.postal_code", "4 siffer"),
        ("summary: \"Hei\\u202edu\"\n", "summary", "styretegn"),
        ("summary: \"Hei\\x1b[31m\"\n", "summary", "styretegn"),
        ("address: {}\n", "address", "tom"),
        ("tags:\n", "tags", "tomt"),
    ],
)
def test_odd_values_are_reported_on_one_line(tmp_path, extra, field, says):
    result = check(tmp_path, {"data/organizations/laget.yaml": ORG + extra})
    assert result.returncode == 1
    [line] = result.stdout.strip().splitlines()
    assert f": {field}: " in line and says in line


def test_empty_values_do_not_satisfy_a_rule(tmp_path):
    org = ORG.replace("contact: {email: post@test.no}", "contact: {email: }") + "activities:\n  - {id: a, title: Trening, venue: , dates: [{date: }]}\n"
    result = check(tmp_path, {"data/organizations/laget.yaml": org})
    out = result.stdout
    assert result.returncode == 1
    assert "contact.email: Feltet er tomt" in out and "contact: Kontaktinformasjonen trenger minst ett" in out
    assert "activities[0].venue: Feltet er tomt" in out and "activities[0]: En aktivitet trenger nøyaktig ett av feltene venue" in out
    assert "activities[0].dates[0].date: Feltet er tomt" in out


def test_deep_nesting_is_refused(tmp_path):
    result = check(tmp_path, {"data/organizations/laget.yaml": "name: " + "[" * 3000 + "]" * 3000 + "\n"})
    assert result.returncode == 1 and "nivåer" in result.stdout


def test_infinite_number_is_refused(tmp_path):
    venue = VALID_VENUE + "area_m2: " + "9" * 400 + "\n"
    result = check(tmp_path, {"data/venues/hallen.yaml": venue})
    assert result.returncode == 1 and "area_m2" in result.stdout


def test_a_value_with_newlines_cannot_fake_a_second_error_line(tmp_path):
    org = ORG + 'address: {postal_code: "12\\nx.yaml:1:1: name: falsk feil"}\n'
    result = check(tmp_path, {"data/organizations/laget.yaml": org})
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("data/organizations/laget.yaml:")


def test_a_link_in_data_is_refused_and_not_read(tmp_path):
    write_site(tmp_path, {})
    secret = tmp_path / ".env"
    secret.write_text("API_TOKEN=ghp_SECRET123\n", encoding="utf-8")
    os.symlink(secret, tmp_path / "data/organizations/lekk.yaml")
    result = check(tmp_path, {})
    assert result.returncode == 1
    assert "ghp_SECRET123" not in result.stdout + result.stderr
    assert "data/organizations/lekk.yaml:1:1: Lenker blir ikke fulgt" in result.stdout


def test_same_id_twice_and_unknown_entries_are_reported(tmp_path):
    result = check(tmp_path, {
        "data/organizations/laget.yaml": ORG,
        "data/organizations/laget.yml": ORG,
        "data/organisations/feilstavet.yaml": ORG,
        "data/holidays.yml": "school_holidays: []\n",
    })
    out = result.stdout
    assert "data/organizations/laget.yml:1:1: Id-en «laget» er allerede brukt av data/organizations/laget.yaml" in out
    assert "data/organisations:1:1: «organisations» hører ikke hjemme i datamappen" in out
    assert "data/holidays.yml:1:1: «holidays.yml» hører ikke hjemme" in out


@pytest.mark.parametrize("src", ["javascript:alert(1)", "data:image/png;base64,AAAA", "bilde med mellomrom.jpg"])
def test_image_source_must_be_a_picture_path_or_web_address(tmp_path, src):
    venue = VALID_VENUE + f"images:\n  - {{src: '{src}', alt: Hallen}}\n"
    result = check(tmp_path, {"data/venues/hallen.yaml": venue})
    assert result.returncode == 1 and "images[0].src: " in result.stdout


def test_non_specific_tag_is_refused(tmp_path):
    result = check(tmp_path, {"data/organizations/laget.yaml": ORG.replace("name: Laget", "name: ! Laget")})
    assert result.returncode == 1 and "merkelappen" in result.stdout


def test_norwegian_command_line_errors():
    result = katalog("new", "venuee", "x")
    assert result.returncode == 2
    assert "feil: ugyldig valg" in result.stderr and "Bruk:" in result.stderr
