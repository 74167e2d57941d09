"""The form service faces the internet: what an attacker sends changes nothing it should not,
and every answer is a Norwegian page (or 429), never a traceback."""

from __future__ import annotations

import pytest
import yaml

from form_service import answered, branches, git, link_in, read_mail

ORG = "lindvik-il"


def test_script_tags_and_yaml_syntax_stay_text(service):
    _, pairs = service.form(f"/endre/{ORG}")
    hostile = 'Vi møtes: {a: b}\n- "x"\n&anker *ref !!python/object:os.system\n<script>alert(1)</script>'
    assert service.post(f"/endre/{ORG}", answered(pairs, name="<script>alert(1)</script> Lindvik IL", description=hostile)).status_code == 200
    link = link_in(read_mail(service.outbox[0]))
    confirm_page = service.client.get(link.removeprefix(service.url)).text
    assert "<script>alert(1)</script>" not in confirm_page and "&lt;script&gt;" in confirm_page
    assert service.confirm(link).status_code == 200
    (branch,) = branches(service.root)
    data = yaml.safe_load(git(service.root, "show", f"{branch}:data/organizations/{ORG}.yaml"))
    assert data["name"] == "<script>alert(1)</script> Lindvik IL"
    assert data["description"] == hostile


def test_a_line_break_aimed_at_the_mail_headers_is_refused_and_nothing_is_sent(service):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, name="Lindvik IL\r\nBcc: angriper@example.com"))
    assert answer.status_code == 400
    beside_name = answer.text[answer.text.index('id="felt-name-feil"'):answer.text.index('id="felt-name"')]
    assert "styretegn (U+000A)" in beside_name
    _, pairs = service.form("/registrer")
    pairs = answered(pairs, name="Nytt lag", summary="Om laget.", contact__email="a@b.no\r\nBcc: angriper@example.com")
    answer = service.post("/registrer", pairs + [("categories", "1200")])
    assert answer.status_code == 400 and "ikke en gyldig e-postadresse" in answer.text
    assert service.outbox == [] and branches(service.root) == []


def test_typed_text_never_reaches_the_associations_mail_and_a_new_name_stays_in_its_subject(service):
    _, pairs = service.form(f"/endre/{ORG}")
    assert service.post(f"/endre/{ORG}", answered(pairs, name="VIKTIG: logg inn på https://svindel.example")).status_code == 200
    mail = read_mail(service.outbox[-1])
    assert mail["Subject"] == "Bekreft endringen for Lindvik IL"  # the name in the data
    assert "svindel" not in mail.get_content()
    _, pairs = service.form("/registrer")
    pairs = answered(pairs, name="Nytt lag Bcc: angriper@example.com", summary="Om laget.", contact__email="post@nytt-lag.no")
    assert service.post("/registrer", pairs + [("categories", "1200")]).status_code == 200
    mail = read_mail(service.outbox[-1])
    assert mail["Bcc"] is None and [a.addr_spec for a in mail["To"].addresses] == ["post@nytt-lag.no"]
    assert "angriper" in mail["Subject"]


def test_a_megabyte_is_refused_unread(service):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, description="x" * 1_000_000))
    assert answer.status_code == 413 and "Skjemaet er for stort" in answer.text
    assert service.outbox == []


def test_a_hundred_posts_a_minute_get_429_in_norwegian(service):
    _, pairs = service.form(f"/endre/{ORG}")
    statuses = [service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55")) for _ in range(100)]
    codes = [answer.status_code for answer in statuses]
    assert set(codes) <= {200, 429} and codes.count(429) >= 80
    assert "For mange innsendinger" in statuses[-1].text
    assert len(service.outbox) <= 10 and branches(service.root) == []


def test_another_site_cannot_post_and_a_forged_form_is_refused(service):
    _, pairs = service.form(f"/endre/{ORG}")
    changed = answered(pairs, contact__phone="22 33 44 55")
    cross = service.post(f"/endre/{ORG}", changed, headers={"sec-fetch-site": "cross-site"})
    assert cross.status_code == 403 and "annen nettside" in cross.text
    forged = service.post(f"/endre/{ORG}", answered(changed, _token="forfalsket"))
    assert forged.status_code == 400 and "Skjemaet er for gammelt" in forged.text
    other_form = service.post("/endre/lindvik-skolekorps", changed)  # a token for another page
    assert other_form.status_code == 400
    assert service.outbox == []


def test_the_honeypot_is_thanked_and_ignored(service):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55", nettsted2="http://spam.example"))
    assert answer.status_code == 200 and "Takk" in answer.text
    assert service.outbox == []


def test_unknown_pages_ids_and_methods_get_norwegian_pages(service):
    for path, status, words in [
        ("/endre/finnes-ikke", 404, "Fant ikke oppføringen"),
        ("/endre/..%2F..%2Fmkdocs", 404, "Fant ikke"),
        ("/ingenting-her", 404, "Fant ikke siden"),
        ("/bekreft/", 404, "Fant ikke siden"),
    ]:
        answer = service.client.get(path)
        assert answer.status_code == status and words in answer.text and 'lang="nb"' in answer.text, path
    wrong = service.client.delete(f"/endre/{ORG}")
    assert wrong.status_code == 405 and "Det går ikke an" in wrong.text


def test_every_answer_carries_the_security_headers(service):
    answer = service.client.get(f"/endre/{ORG}")
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY" and answer.headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in answer.headers


@pytest.mark.parametrize("value", ["²", "+-5", "9" * 5000, "1e3"])
def test_odd_numbers_get_a_message_beside_their_field(service, value):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, membership__fee=value))
    assert answer.status_code == 400 and 'id="felt-membership-fee-feil"' in answer.text
    assert service.outbox == []


def test_a_key_the_form_does_not_know_is_listed_not_a_crash(service):
    path = service.root / f"data/organizations/{ORG}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "faks: 12345678\n", encoding="utf-8")
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55"))
    assert answer.status_code == 400 and "faks" in answer.text and "skjema-oppsummering" in answer.text


def test_mistakes_do_not_use_up_the_limits_and_one_client_cannot_close_registration(service):
    _, pairs = service.form(f"/endre/{ORG}")
    for _ in range(7):  # more forms with a mistake than the 6 changes an entry may have an hour
        assert service.post(f"/endre/{ORG}", answered(pairs, contact__phone="12")).status_code == 400
        service.client.get("/helse")
    assert service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55")).status_code == 200
    _, pairs = service.form("/registrer")
    made = [service.post("/registrer", answered(pairs, name=f"Lag nummer {n}", summary="Om laget.", contact__email=f"post{n}@lag.no") + [("categories", "1200")]).status_code for n in range(2)]
    assert made == [200, 200]


def test_a_large_form_travels_compressed(service):
    answer = service.client.get(f"/endre/{ORG}", headers={"accept-encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip" and "Endre oppføringen" in answer.text
    assert int(answer.headers["content-length"]) < len(answer.content) / 4
