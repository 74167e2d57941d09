"""``katalog new`` gives a template that passes the check; ``katalog generate`` writes pages for any generator."""

from __future__ import annotations

import yaml

from conftest import VALID_VENUE, katalog, write_site


def test_new_organization_template_passes_check(tmp_path):
    write_site(tmp_path, {})
    result = katalog("new", "organization", "nytt-lag", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "data/organizations/nytt-lag.yaml"
    assert written.exists()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("#") and "verified: 2026-11-22" in text
    check = katalog("check", str(tmp_path))
    assert check.returncode == 0, check.stdout


def test_new_venue_template_passes_check(tmp_path):
    write_site(tmp_path, {})
    assert katalog("new", "venue", "nytt-hus", "--root", str(tmp_path)).returncode == 0
    check = katalog("check", str(tmp_path))
    assert check.returncode == 0, check.stdout


def test_new_refuses_a_bad_id_and_an_existing_file(tmp_path):
    write_site(tmp_path, {"data/venues/hallen.yaml": VALID_VENUE})
    bad = katalog("new", "venue", "Nytt Hus", "--root", str(tmp_path))
    assert bad.returncode != 0 and "ikke en gyldig id" in bad.stderr
    existing = katalog("new", "venue", "hallen", "--root", str(tmp_path))
    assert existing.returncode == 1 and "finnes allerede" in existing.stderr
    assert (tmp_path / "data/venues/hallen.yaml").read_text(encoding="utf-8") == VALID_VENUE


def test_generate_writes_every_page_with_front_matter(tmp_path):
    write_site(tmp_path, {
        "data/venues/hallen.yaml": VALID_VENUE,
        "data/organizations/laget.yaml": """\
            name: "Laget: «A & B»"
            categories: [1200]
            summary: "Kort: om oss"
            contact: {email: post@test.no}
            venues: [hallen]
            verified: 2026-09-01
            """,
    })
    out = tmp_path / "ut"
    result = katalog("generate", "--out", str(out), "--root", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "organisasjoner/laget/index.html").read_text(encoding="utf-8")
    _, front, body = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Laget: «A & B»"
    assert meta["description"] == "Kort: om oss"
    assert meta["source"] == "data/organizations/laget.yaml"
    assert "<h1>Laget: «A &amp; B»</h1>" in body
    for url in ("organisasjoner", "lokaler", "lokaler/hallen", "kategorier/1200", "kategorier"):
        assert (out / url / "index.html").exists(), url


def test_generate_refuses_invalid_data(tmp_path):
    write_site(tmp_path, {"data/venues/hallen.yaml": VALID_VENUE.replace("type: sports_hall", "type: hall")})
    out = tmp_path / "ut"
    result = katalog("generate", "--out", str(out), "--root", str(tmp_path))
    assert result.returncode == 1
    assert "data/venues/hallen.yaml:2:7: type:" in result.stdout
    assert not out.exists()
