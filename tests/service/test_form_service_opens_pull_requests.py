"""In production a confirmed change becomes a pull request on GitHub, a report an issue, and a
change GitHub did not take is kept and sent again. GitHub is played by a local HTTP server that
records the REST calls it gets."""

from __future__ import annotations

import base64
import re
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from form_service import PATIENCE_S, SECRET, Service, answered, branches, catalogue_repo, changed_lines, link_in, new_item_index, read_mail

ORG = "lindvik-il"
TOKEN = "ghs_testtoken"


class FakeGitHub:
    """The REST endpoints the service uses, for repository ``kommune/katalog``."""

    def __init__(self, root):
        self.calls = []
        self.down = 0  # how many pull-request calls fail with 503 before GitHub is back
        github = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                path = self.path.split("?")[0]
                github.calls.append((self.command, path, body, self.headers.get("Authorization")))
                base = "/repos/kommune/katalog"
                if (self.command, path) == ("GET", base):
                    return self._answer(200, {"default_branch": "main"})
                if (self.command, path) == ("GET", f"{base}/git/ref/heads/main"):
                    return self._answer(200, {"object": {"sha": "a" * 40}})
                if self.command == "GET" and path.startswith(f"{base}/contents/"):
                    text = (root / path.removeprefix(f"{base}/contents/")).read_bytes()
                    return self._answer(200, {"content": base64.b64encode(text).decode(), "sha": "b" * 40})
                if (self.command, path) == ("POST", f"{base}/git/refs"):
                    return self._answer(201, {"ref": body["ref"]})
                if self.command == "PUT" and path.startswith(f"{base}/contents/"):
                    return self._answer(201, {"content": {}})
                if (self.command, path) == ("POST", f"{base}/pulls"):
                    if github.down:
                        github.down -= 1
                        return self._answer(503, {"message": "unavailable"})
                    return self._answer(201, {"number": 7, "html_url": "https://github.com/kommune/katalog/pull/7"})
                if (self.command, path) == ("POST", f"{base}/issues/7/labels"):
                    return self._answer(200, [])
                if (self.command, path) == ("POST", f"{base}/issues"):
                    return self._answer(201, {"number": 8, "html_url": "https://github.com/kommune/katalog/issues/8"})
                return self._answer(404, {"message": "Not Found"})

            def do_DELETE(self):
                github.calls.append((self.command, self.path, None, self.headers.get("Authorization")))
                self.send_response(204)
                self.end_headers()

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def made(self, method, suffix):
        return [call for call in self.calls if call[0] == method and call[1].endswith(suffix)]


@pytest.fixture()
def github_and_service(tmp_path):
    root = catalogue_repo(tmp_path / "katalog")
    github = FakeGitHub(root)
    service = Service(root, env={
        "KATALOG_GITHUB_REPO": "kommune/katalog", "KATALOG_GITHUB_TOKEN": TOKEN,
        "KATALOG_GITHUB_API": github.url, "KATALOG_RETRY_SECONDS": "1",
    })
    yield github, service
    service.stop()
    github.stop()


def submit_and_confirm(service):
    _, pairs = service.form(f"/endre/{ORG}")
    task = new_item_index(pairs, "volunteering")
    sent = service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55", **{f"volunteering__{task}__title": "Kakebaking"}))
    assert sent.status_code == 200
    return service.confirm(link_in(read_mail(service.outbox[-1])))


def test_a_confirmed_change_becomes_a_labelled_pull_request(github_and_service):
    github, service = github_and_service
    assert submit_and_confirm(service).status_code == 200
    (ref,) = github.made("POST", "/git/refs")
    assert ref[2] == {"ref": f"refs/heads/skjema/{ORG}-1", "sha": "a" * 40}
    (put,) = github.made("PUT", f"/contents/data/organizations/{ORG}.yaml")
    text = base64.b64decode(put[2]["content"]).decode()
    assert 'phone: "22 33 44 55"' in text and put[2]["branch"] == f"skjema/{ORG}-1" and put[2]["sha"] == "b" * 40
    (pull,) = github.made("POST", "/pulls")
    assert pull[2]["head"] == f"skjema/{ORG}-1" and pull[2]["base"] == "main"
    assert pull[2]["title"] == "Endring fra skjema: Lindvik IL" and "bekreftet" in pull[2]["body"]
    (labels,) = github.made("POST", "/issues/7/labels")
    assert labels[2] == {"labels": ["skjema", "bekreftet-av-laget", "uten-robotsjekk"]}  # sent without JavaScript
    assert "uten robotsjekken" in pull[2]["body"]
    assert {call[3] for call in github.calls} == {f"Bearer {TOKEN}"}


def test_when_github_is_down_the_change_is_kept_and_sent_again(github_and_service):
    github, service = github_and_service
    github.down = 1
    answer = submit_and_confirm(service)
    assert answer.status_code == 200 and "tatt vare på" in answer.text
    deadline = time.monotonic() + PATIENCE_S
    while not github.made("POST", "/issues/7/labels"):  # the service tries again by itself
        assert time.monotonic() < deadline, github.calls
        time.sleep(0.2)
    assert len(github.made("POST", "/pulls")) == 2  # the failed call, and the one that went
    assert github.made("DELETE", f"/git/refs/heads/skjema/{ORG}-1")  # no half-made branch left


def test_a_report_becomes_an_issue(github_and_service):
    github, service = github_and_service
    _, pairs = service.form("/meld-fra")
    typed = "Feil telefonnummer. @kommune-admin se [her](https://svindel.example) ```"
    assert service.post("/meld-fra", answered(pairs, side="Lindvik IL", melding=typed)).status_code == 200
    (issue,) = github.made("POST", "/repos/kommune/katalog/issues")
    assert issue[2]["labels"] == ["meld-fra"]
    body = issue[2]["body"]  # the typed text inside a fence longer than any it holds: no mention, no link
    assert f"````text\n{typed}\n````" in body
    assert service.outbox == []


def test_reminders_go_once_and_their_still_right_link_confirms(tmp_path):
    root = catalogue_repo(tmp_path / "katalog")
    service = Service(root)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1830297600", KATALOG_SECRET=SECRET, KATALOG_FORMS_URL=service.url)  # 2028-01-01
    remind = [sys.executable, "-m", "frivilligkatalogen.adapters.cli", "remind", str(root)]
    try:
        first = subprocess.run(remind, capture_output=True, text=True, env=env)
        assert first.returncode == 0, first.stderr
        mails = sorted((root / ".katalog/utboks").glob("*.eml"))
        assert len(mails) >= 10 and f"Påminnelser sendt: {len(mails)}." in first.stderr
        again = subprocess.run(remind, capture_output=True, text=True, env=env)
        assert again.returncode == 0 and len(list((root / ".katalog/utboks").glob("*.eml"))) == len(mails)
        mail = next(read_mail(path) for path in mails if read_mail(path)["To"].addresses[0].addr_spec == "post@lindvik-il.no")
        assert "Stemmer" in mail["Subject"] and f"{service.url}/endre/{ORG}" in mail.get_content()
        assert service.confirm(link_in(mail)).status_code == 200
        (branch,) = branches(root)
        assert [line[:10] for line in changed_lines(root, branch)] == ["-verified:", "+verified:"]
        assert service.confirm(link_in(mail)).status_code == 410
    finally:
        service.stop()


def test_the_freshness_report_shows_who_was_reminded_and_who_answered(tmp_path):
    root = catalogue_repo(tmp_path / "katalog")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1830297600", KATALOG_SECRET=SECRET)  # 2028-01-01
    cli = [sys.executable, "-m", "frivilligkatalogen.adapters.cli"]
    assert subprocess.run([*cli, "remind", str(root)], capture_output=True, text=True, env=env).returncode == 0
    path = root / f"data/organizations/{ORG}.yaml"  # Lindvik IL answered: its pull request was merged
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^verified: .*$", "verified: 2028-01-01", text), encoding="utf-8")
    report = subprocess.run([*cli, "stale", str(root), "--markdown"], capture_output=True, text=True, env=env)
    assert report.returncode == 0, report.stderr
    stale_line = next(line for line in report.stdout.splitlines() if "Lindvik skolekorps" in line)
    assert "påminnelse sendt" in stale_line
    answered = report.stdout.split("Svarte etter påminnelse:")[1]
    assert "Lindvik IL bekreftet 2028-01-01" in answered and "Lindvik skolekorps" not in answered


def test_reminders_pass_over_an_address_mail_refuses_and_never_link_to_this_machine(tmp_path):
    root = catalogue_repo(tmp_path / "katalog")
    path = root / f"data/organizations/{ORG}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("post@lindvik-il.no", "post..il@lindvik-il.no"), encoding="utf-8")
    cli = [sys.executable, "-m", "frivilligkatalogen.adapters.cli", "remind", str(root)]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1830297600", KATALOG_SECRET=SECRET, KATALOG_FORMS_URL="https://skjema.lindvik.kommune.no")
    done = subprocess.run(cli, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    addresses = [read_mail(p)["To"].addresses[0].addr_spec for p in (root / ".katalog/utboks").glob("*.eml")]
    assert addresses and "post..il@lindvik-il.no" not in addresses
    local = dict(env, KATALOG_FORMS_URL="http://127.0.0.1:8001/", KATALOG_SMTP_URL="smtp://127.0.0.1:1")
    refused = subprocess.run(cli, capture_output=True, text=True, env=local)
    assert refused.returncode == 2 and "KATALOG_FORMS_URL" in refused.stderr
