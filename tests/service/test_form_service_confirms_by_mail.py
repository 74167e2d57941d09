"""An association keeps its entry right without a GitHub account: it changes it in a web form,
the change is confirmed through the e-mail address in the data, and the coordinator gets a
branch (a pull request on GitHub) that changes only what was changed."""

from __future__ import annotations

import subprocess
import sys
import time

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from form_service import (
    check_branch,
    SECRET,
    Service,
    answered,
    branches,
    catalogue_repo,
    changed_lines,
    free_port,
    git,
    link_in,
    new_item_index,
    read_mail,
)

ORG = "lindvik-il"


def entry_address(root, org=ORG) -> str:
    import yaml

    data = yaml.safe_load((root / f"data/organizations/{org}.yaml").read_text(encoding="utf-8"))
    return data["contact"]["email"]


def change_phone_and_add_task(service, org=ORG):
    _, pairs = service.form(f"/endre/{org}")
    task = new_item_index(pairs, "volunteering")
    return service.post(f"/endre/{org}", answered(pairs, contact__phone="22 33 44 55", **{f"volunteering__{task}__title": "Kakebaking til basaren"}))


def test_a_change_is_mailed_to_the_entrys_own_address_and_confirmed_into_a_branch(service, tmp_path):
    repo = service.root
    head_before, status_before = git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain")
    sent = change_phone_and_add_task(service)
    assert sent.status_code == 200 and "Sjekk e-posten" in sent.text
    assert branches(repo) == []  # nothing changes before the confirmation
    (mail_path,) = service.outbox
    mail = read_mail(mail_path)
    assert mail["To"].addresses[0].addr_spec == entry_address(repo)
    assert "Bekreft" in mail.get_content()
    confirmation = service.client.get(link_in(mail).removeprefix(service.url))
    assert "22 33 44 55" in confirmation.text and "Kakebaking til basaren" in confirmation.text
    assert branches(repo) == []  # opening the link (as a mail scanner does) changes nothing
    done = service.confirm(link_in(mail))
    assert done.status_code == 200 and "Takk" in done.text
    assert branches(repo) == [f"skjema/{ORG}-1"]
    lines = changed_lines(repo, f"skjema/{ORG}-1")
    removed = [line for line in lines if line.startswith("-")]
    added = [line for line in lines if line.startswith("+")]
    assert len(removed) == 2 and "phone" in removed[0] and removed[1].startswith("-verified:")
    assert '+  phone: "22 33 44 55"' in added and '+  - title: "Kakebaking til basaren"' in added
    assert added[-1].startswith("+verified: ") and len(added) == 3
    assert git(repo, "rev-parse", "HEAD") == head_before and git(repo, "status", "--porcelain") == status_before
    assert git(repo, "branch", "--show-current").strip() == "main"
    checked = check_branch(repo, f"skjema/{ORG}-1", tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    not_alone = only_verified(repo, f"skjema/{ORG}-1", tmp_path)
    assert not_alone.returncode == 1 and "mer enn å flytte datoen i verified" in not_alone.stdout


def test_the_same_path_with_a_real_smtp_server(tmp_path):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    port = free_port()
    relay = Controller(Handler(), hostname="127.0.0.1", port=port)
    relay.start()
    try:
        service = Service(catalogue_repo(tmp_path / "katalog"), env={"KATALOG_SMTP_URL": f"smtp://127.0.0.1:{port}"})
        try:
            assert change_phone_and_add_task(service).status_code == 200
            assert service.outbox == []
            (envelope,) = received
            assert envelope.rcpt_tos == [entry_address(service.root)]
            from email import message_from_bytes, policy

            mail = message_from_bytes(envelope.content, policy=policy.default)
            assert mail["Reply-To"].addresses[0].addr_spec == "frivillighet@lindvik.kommune.no"
            assert service.confirm(link_in(mail)).status_code == 200
            assert branches(service.root) == [f"skjema/{ORG}-1"]
        finally:
            service.stop()
    finally:
        relay.stop()


def test_a_time_written_with_a_dot_is_explained_beside_its_field_and_nothing_is_sent(service):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = service.post(f"/endre/{ORG}", answered(pairs, activities__0__schedule__0__start="18.00"))
    assert answer.status_code == 400
    field = answer.text.index('id="felt-activities-0-schedule-0-start"')
    error = answer.text.rindex('class="skjema-feil"', 0, field)
    assert "18.00" in answer.text[error:field] and "TT:MM" in answer.text[error:field]
    assert 'value="18.00"' in answer.text  # what was typed stays in the form
    assert service.outbox == [] and branches(service.root) == []


def test_used_expired_and_forged_links_get_a_norwegian_page_and_change_nothing(service):
    assert change_phone_and_add_task(service).status_code == 200
    link = link_in(read_mail(service.outbox[0]))
    assert service.confirm(link).status_code == 200
    again = service.confirm(link)
    assert again.status_code == 410 and "Lenken er allerede brukt" in again.text

    class EightDaysAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 8 * 86400

    assert change_phone_and_add_task(service).status_code == 200
    change_id = URLSafeTimedSerializer(SECRET).loads(link_in(read_mail(service.outbox[1])).rsplit("/", 1)[1], salt="bekreft")
    expired = service.confirm(f"{service.url}/bekreft/" + URLSafeTimedSerializer(SECRET, signer=EightDaysAgo).dumps(change_id, salt="bekreft"))
    assert expired.status_code == 410 and "Lenken er for gammel" in expired.text
    forged = service.confirm(f"{service.url}/bekreft/" + URLSafeTimedSerializer("en annen nøkkel").dumps(change_id, salt="bekreft"))
    assert forged.status_code == 400 and "Lenken virker ikke" in forged.text
    assert branches(service.root) == [f"skjema/{ORG}-1"]
    for page in (again, expired, forged):
        assert 'lang="nb"' in page.text and "Traceback" not in page.text


def test_everything_still_right_changes_only_verified(service, tmp_path):
    page, pairs = service.form(f"/alt-stemmer/{ORG}")
    assert service.post(f"/alt-stemmer/{ORG}", pairs).status_code == 200
    assert service.confirm(link_in(read_mail(service.outbox[0]))).status_code == 200
    lines = changed_lines(service.root, f"skjema/{ORG}-1")
    assert [line[:10] for line in lines] == ["-verified:", "+verified:"]
    merge_alone = only_verified(service.root, f"skjema/{ORG}-1", tmp_path)
    assert merge_alone.returncode == 0, merge_alone.stdout  # a workflow may merge it by itself


def only_verified(repo, branch, tmp_path) -> subprocess.CompletedProcess:
    tree = tmp_path / branch.replace("/", "-")
    git(repo, "worktree", "add", "-q", "--detach", str(tree), branch)
    return subprocess.run([sys.executable, "-m", "frivilligkatalogen.adapters.cli", "only-verified", str(tree), "--base", "main"], capture_output=True, text=True)


def test_a_new_association_registers_and_its_file_passes_the_check(service, tmp_path):
    _, pairs = service.form("/registrer")
    pairs = answered(pairs, name="Lindvik brettspillklubb", summary="Vi spiller brettspill hver torsdag.", contact__email="post@lindvik-brettspill.no")
    pairs.append(("categories", "1200"))
    sent = service.post("/registrer", pairs)
    assert sent.status_code == 200, sent.text
    mail = read_mail(service.outbox[0])
    assert mail["To"].addresses[0].addr_spec == "post@lindvik-brettspill.no"
    assert mail["Subject"] == "Bekreft registreringen av Lindvik brettspillklubb"
    done = service.confirm(link_in(mail))
    assert done.status_code == 200 and "Registreringen er sendt" in done.text
    assert (service.root / ".katalog/skjema.sqlite").stat().st_mode & 0o077 == 0  # personal data: owner only
    (branch,) = branches(service.root)
    assert git(service.root, "diff", "--name-status", f"main..{branch}").split() == ["A", "data/organizations/lindvik-brettspillklubb.yaml"]
    checked = check_branch(service.root, branch, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_entry_without_an_address_goes_to_the_coordinator_marked_unconfirmed(tmp_path):
    root = catalogue_repo(tmp_path / "katalog")
    path = root / f"data/organizations/{ORG}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.strip().startswith("email:")) + "\n", encoding="utf-8")
    git(root, "commit", "-qam", "uten e-post")
    service = Service(root)
    try:
        sent = change_phone_and_add_task(service)
        assert sent.status_code == 200 and "frivillighetskoordinatoren" in sent.text
        assert service.outbox == []
        (branch,) = branches(root)
        assert "IKKE bekreftet" in git(root, "log", "-1", "--format=%B", branch)
    finally:
        service.stop()


def test_a_report_reaches_the_coordinator_without_an_account(service):
    page, pairs = service.form("/meld-fra?side=Lindvik%20IL")
    assert 'value="Lindvik IL"' in page
    sent = service.post("/meld-fra", answered(pairs, melding="Treningstiden er feil.", svar="kari@example.no"))
    assert sent.status_code == 200 and "Takk" in sent.text
    mail = read_mail(service.outbox[0])
    assert mail["To"].addresses[0].addr_spec == "frivillighet@lindvik.kommune.no"
    assert mail["Reply-To"].addresses[0].addr_spec == "kari@example.no"  # the coordinator answers the reporter
    assert "Treningstiden er feil." in mail.get_content() and "Lindvik IL" in mail["Subject"]
    assert "```" not in mail.get_content() and mail["Date"] is not None
