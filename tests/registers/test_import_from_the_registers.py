"""Importing associations from Enhetsregisteret, and checking the catalogue against it.

The fixture is an Enhetsregisteret search response in the API's own shape
(``_embedded.enheter``, ``page``), with the things real responses have: ALL-CAPS
names, ``c/o <person>`` address lines, home pages without a scheme, odd phone
numbers, a deleted unit, a bankrupt one, a company, and one association that is
already in the catalogue. A second fixture is Frivillighetsregisteret's answer
with the categories.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.error import URLError

import pytest

from frivilligkatalogen.registers.readable import readable_name, unit_from_register
from frivilligkatalogen.registers.reading import RegisterError, fetch_municipality

from conftest import REPO, katalog, mkdocs_build

FIXTURES = REPO / "tests" / "fixtures" / "registers"
SEARCH = FIXTURES / "enhetsregisteret-sok.json"
CATEGORIES = FIXTURES / "frivillighetsregisteret.json"
CARE_OF_NAMES = ("Testesen", "Prøvesen", "PRØVESEN", "Eksempelsen")


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the example municipality to import into."""
    root = tmp_path / "site"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "data", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


def drafts(root: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in (root / "data" / "organizations").glob("*.yaml") if "ubekreftet" in path.read_text(encoding="utf-8")}


def run_import(root: Path, *extra: str):
    return katalog("import", "brreg", str(SEARCH), "--kategorier", str(CATEGORIES), "--root", str(root), *extra)


def test_import_writes_a_readable_draft_for_each_new_association(site):
    result = run_import(site)
    assert result.returncode == 0, result.stderr
    written = drafts(site)
    assert len(written) == 4, result.stdout
    texts = "\n".join(written.values())
    assert 'name: "Lindvik sjakklubb"' in texts
    assert 'name: "KFUK-KFUM Lindvik og omegn"' in texts
    assert 'name: "Foreningen for hjertevenner avd Lindvik"' in texts
    assert 'website: "https://www.lindvik-sjakk.no"' in texts  # scheme added to a bare address
    assert 'website: "https://lindvik-il.no"' in texts
    assert 'phone: "+47 91 23 45 67"' in texts  # "+47 912 34 567" in the register
    comments = re.sub(r"\s*\n#\s*", " ", texts)
    assert "(«12345») er ikke et norsk nummer med åtte sifre og er ikke tatt med" in comments  # named, not written
    assert 'categories: ["1300", "13100"]' in texts  # from Frivillighetsregisteret
    assert 'categories: ["4100"]' in texts  # "04100" in the register
    assert 'city: "Nordre Lindvik"' in texts
    for name in CARE_OF_NAMES:
        assert name not in texts


def test_deleted_bankrupt_and_company_units_are_skipped_and_named(site):
    result = run_import(site)
    out = result.stdout
    assert re.search(r"GAMLE LINDVIK MUSIKKLAG: slettet fra Enhetsregisteret 2025-03-01", out)
    assert "LINDVIK BÅTFORENING: konkurs" in out
    assert "LINDVIK BYGG AS" in out and "organisasjonsform AS" in out
    assert "Finnes allerede i katalogen: 1" in out
    texts = "\n".join(drafts(site).values()).lower()
    for skipped in ("musikklag", "båtforening", "bygg"):
        assert skipped not in texts


def test_a_draft_fails_the_check_until_confirmed_then_passes_and_builds_without_care_of_names(site, tmp_path):
    run_import(site)
    check = katalog("check", str(site))
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if line.strip()]
    assert len(lines) == 4
    for line in lines:
        assert re.match(r"data/organizations/[a-z0-9-]+\.yaml:\d+:\d+: verified: Dette er et utkast fra Enhetsregisteret", line), line
    for path in (site / "data" / "organizations").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("verified: ubekreftet", "verified: 2026-11-20"), encoding="utf-8")
    confirmed = katalog("check", str(site))
    assert confirmed.returncode == 0, confirmed.stdout
    out = tmp_path / "built"
    build = mkdocs_build(site, out)
    assert build.returncode == 0, build.stderr
    published = [path for path in out.rglob("*") if path.is_file() and path.suffix in (".html", ".json", ".csv", ".ics", ".xml")]
    assert any("Lindvik sjakklubb" in path.read_text(encoding="utf-8", errors="replace") for path in published)
    for path in published:
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in CARE_OF_NAMES:
            assert name not in text, path


def test_running_the_import_again_changes_nothing(site):
    run_import(site)
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (site / "data").rglob("*") if path.is_file()}
    again = run_import(site)
    assert again.returncode == 0
    assert "Nye utkast: 0" in again.stdout
    assert "Finnes allerede i katalogen: 5" in again.stdout
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (site / "data").rglob("*") if path.is_file()}
    assert after == before


def test_without_a_file_or_municipality_the_command_says_what_to_give(site):
    result = katalog("import", "brreg", "--root", str(site))
    assert result.returncode == 2
    assert "kommunenummer" in result.stderr


def test_a_file_that_is_not_a_register_answer_gets_a_norwegian_message(site, tmp_path):
    wrong = tmp_path / "feil.json"
    wrong.write_text('{"hei": 1}', encoding="utf-8")
    result = katalog("import", "brreg", str(wrong), "--root", str(site))
    assert result.returncode == 2
    assert "ser ikke ut som et svar fra Enhetsregisteret" in result.stderr
    broken = tmp_path / "halv.json"
    broken.write_text('{"_embedded": {"enheter": [', encoding="utf-8")
    result = katalog("import", "brreg", str(broken), "--root", str(site))
    assert result.returncode == 2 and "ikke gyldig JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_fetching_a_municipality_reads_every_page_and_is_clear_offline():
    pages = json.loads(SEARCH.read_text(encoding="utf-8"))
    units = pages["_embedded"]["enheter"]
    asked = []

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def opener(request, timeout):
        asked.append(request.full_url)
        number = int(re.search(r"page=(\d+)", request.full_url).group(1))
        body = {"_embedded": {"enheter": units[number * 4:(number + 1) * 4]}, "page": {"size": 4, "totalPages": 2, "number": number}}
        return Answer(json.dumps(body).encode("utf-8"))

    fetched = fetch_municipality("4699", opener=opener)
    assert [unit["organisasjonsnummer"] for unit in fetched] == [unit["organisasjonsnummer"] for unit in units]
    assert len(asked) == 2 and all("kommunenummer=4699" in url for url in asked)

    def offline(request, timeout):
        raise URLError("Name or service not known")

    with pytest.raises(RegisterError, match="Fikk ikke kontakt med Brønnøysundregistrene"):
        fetch_municipality("4699", opener=offline)
    with pytest.raises(RegisterError, match="kommunenummer"):
        fetch_municipality("46", opener=offline)


@pytest.mark.parametrize(
    ("register", "readable"),
    [
        ("LINDVIK IDRETTSLAG", "Lindvik idrettslag"),
        ("SØRBYGDA IL", "Sørbygda IL"),
        ("4H LINDVIK", "4H Lindvik"),
        ("Lindvik Mannskor", "Lindvik Mannskor"),  # mixed case is the association's own choice
    ],
)
def test_register_names_become_readable(register, readable):
    assert readable_name(register, {"lindvik", "sørbygda"}) == readable


def test_a_unit_without_any_contact_gets_a_draft_that_says_what_is_missing():
    unit = unit_from_register({"organisasjonsnummer": "994120018", "navn": "TOMT LAG", "organisasjonsform": {"kode": "FLI"}})
    from frivilligkatalogen.registers.drafts import draft_text
    from datetime import date

    text = draft_text(unit, date(2026, 11, 22))
    assert "contact: {}" in text and "Legg inn minst én" in text


def test_check_against_the_register_reports_deleted_renamed_and_unknown_units(site, tmp_path):
    org_files = {path.stem: path.read_text(encoding="utf-8") for path in (site / "data" / "organizations").glob("*.yaml")}
    numbered = {stem: re.search(r'org_number: "?(\d{9})', text).group(1) for stem, text in org_files.items() if "org_number" in text}
    stems = sorted(numbered)
    deleted, renamed, unknown = stems[0], stems[1], stems[2]
    units = []
    for stem in stems:
        if stem == unknown:
            continue
        name = re.search(r"^name: (.+)$", org_files[stem], re.M).group(1).strip().strip('"').upper()
        unit = {"organisasjonsnummer": numbered[stem], "navn": name, "organisasjonsform": {"kode": "FLI"}}
        if stem == deleted:
            unit["slettedato"] = "2026-06-30"
        if stem == renamed:
            unit["navn"] = "HELT NYTT NAVN"
        units.append(unit)
    extract = tmp_path / "utdrag.json"
    extract.write_text(json.dumps({"_embedded": {"enheter": units}, "page": {"totalPages": 1}}), encoding="utf-8")
    result = katalog("check", str(site), "--registers", str(extract))
    assert result.returncode == 1
    lines = result.stdout.splitlines()[1:]
    assert len(lines) == 3, result.stdout
    by_file = {line.split(":", 1)[0]: line for line in lines}
    assert "slettet fra Enhetsregisteret 2026-06-30" in by_file[f"data/organizations/{deleted}.yaml"]
    assert "«Helt nytt navn»" in by_file[f"data/organizations/{renamed}.yaml"]
    assert "finnes ikke i registerutdraget" in by_file[f"data/organizations/{unknown}.yaml"]
    for line in lines:
        assert re.match(r"data/organizations/[a-z0-9-]+\.yaml:\d+:\d+: org_number: ", line)
        path, line_no = line.split(":")[0:2]
        assert "org_number" in (site / path).read_text(encoding="utf-8").splitlines()[int(line_no) - 1]


def test_the_bulk_file_of_the_register_imports_the_same_drafts(site, tmp_path):
    """Enhetsregisteret's bulk download is a gzipped JSON array of units."""
    import gzip

    units = json.loads(SEARCH.read_text(encoding="utf-8"))["_embedded"]["enheter"]
    bulk = tmp_path / "enheter_alle.json.gz"
    bulk.write_bytes(gzip.compress(json.dumps(units, ensure_ascii=False).encode("utf-8")))
    result = katalog("import", "brreg", str(bulk), "--kategorier", str(CATEGORIES), "--root", str(site))
    assert result.returncode == 0, result.stderr
    assert len(drafts(site)) == 4
    assert "Hoppet over 3" in result.stdout


@pytest.mark.parametrize(
    "lines",
    [
        ["c/o Kari Nordmann", "Storgata 1"],
        ["v/ Kari Nordmann", "Storgata 1"],
        ["Att: Kari Nordmann", "Storgata 1"],
        ["Storgata 1 c/o Kari Nordmann"],
        ["c.o Kari Nordmann", "Storgata 1"],
        ["℅ Kari Nordmann", "Storgata 1"],
    ],
)
def test_an_address_through_a_person_keeps_only_postal_code_and_place(lines):
    """The street after a c/o line is usually that person's home: none of it is written."""
    unit = unit_from_register({
        "organisasjonsnummer": "994120018", "navn": "LAGET", "organisasjonsform": {"kode": "FLI"},
        "epostadresse": "post@laget.no",
        "postadresse": {"adresse": lines, "postnummer": "4699", "poststed": "LINDVIK"},
    })
    assert unit.street is None
    assert (unit.postal_code, unit.city) == ("4699", "Lindvik")


def test_small_words_stay_small_in_names_and_places():
    from frivilligkatalogen.registers.readable import place_name

    assert readable_name("FORENINGEN TIL FREMME AV SJAKK", {"lindvik"}) == "Foreningen til fremme av sjakk"
    unit = unit_from_register({
        "organisasjonsnummer": "994120018", "navn": "SPEIDERNE I MO I RANA", "organisasjonsform": {"kode": "FLI"},
        "postadresse": {"adresse": ["Postboks 1"], "postnummer": "8601", "poststed": "MO I RANA"},
    })
    assert unit.name == "Speiderne i Mo i Rana"
    assert place_name("MO I RANA") == "Mo i Rana"


def test_control_characters_from_the_register_never_make_a_draft_unreadable(site):
    raw = {
        "organisasjonsnummer": "994120018", "navn": "LAGET\x85 MED\x9f RART NAVN", "organisasjonsform": {"kode": "FLI"},
        "registrertIFrivillighetsregisteret": True, "epostadresse": "post@laget.no", "telefon": "1\x852",
        "postadresse": {"adresse": ["Vei\x7f 1"], "postnummer": "4699", "poststed": "LINDVIK"},
    }
    extract = site / "rart.json"
    extract.write_text(json.dumps([raw]), encoding="utf-8")
    assert katalog("import", "brreg", str(extract), "--root", str(site)).returncode == 0
    check = katalog("check", str(site))
    problems = [line for line in check.stdout.splitlines() if line.strip()]
    assert len(problems) == 1 and ": verified: Dette er et utkast" in problems[0], check.stdout
    again = katalog("import", "brreg", str(extract), "--root", str(site))
    assert "Nye utkast: 0" in again.stdout


def test_a_bulk_file_is_limited_to_one_municipality_with_kommune(site):
    elsewhere = katalog("import", "brreg", str(SEARCH), "--kommune", "0301", "--root", str(site))
    assert elsewhere.returncode == 0 and "Nye utkast: 0" in elsewhere.stdout
    here = run_import(site, "--kommune", "4699")
    assert "Nye utkast: 4" in here.stdout
