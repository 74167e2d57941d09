"""The anonymous forms carry ALTCHA's robot check, a proof of work the browser solves with
nothing fetched from another host. A wrong or reused-after-expiry answer is refused; a form
sent without JavaScript still works and is marked for the coordinator."""

from __future__ import annotations

import base64
import json

import altcha

from form_service import answered, branches, git, link_in, read_mail

ORG = "lindvik-il"


def solved(service) -> str:
    """An answer to the service's challenge, worked out as the browser's widget does."""
    challenge = altcha.Challenge.from_dict(service.client.get("/altcha").json())
    solution = altcha.solve_challenge(challenge)
    return altcha.Payload(challenge, solution).to_base64()


def confirm_and_read_commit(service, pairs) -> str:
    assert service.post(f"/endre/{ORG}", pairs).status_code == 200
    assert service.confirm(link_in(read_mail(service.outbox[-1]))).status_code == 200
    return git(service.root, "log", "-1", "--format=%B", branches(service.root)[-1])


def test_a_solved_check_is_accepted_and_not_marked(service):
    _, pairs = service.form(f"/endre/{ORG}")
    message = confirm_and_read_commit(service, answered(pairs, contact__phone="22 33 44 55", altcha=solved(service)))
    assert "uten robotsjekken" not in message


def test_without_javascript_the_form_works_and_is_marked(service):
    _, pairs = service.form(f"/endre/{ORG}")
    message = confirm_and_read_commit(service, answered(pairs, contact__phone="22 33 44 55"))
    assert "uten robotsjekken" in message and "Se ekstra nøye over" in message


def test_a_forged_answer_is_refused_and_nothing_is_sent(service):
    _, pairs = service.form(f"/endre/{ORG}")
    good = json.loads(base64.b64decode(solved(service)))
    good["solution"]["counter"] = good["solution"]["counter"] + 1  # another number than the one found
    good["solution"].pop("derivedKey", None)
    forged = base64.b64encode(json.dumps(good).encode()).decode()
    for answer in (forged, "ikke-et-svar", base64.b64encode(b"{}").decode()):
        refused = service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55", altcha=answer))
        assert refused.status_code == 400 and "Robotsjekken stemte ikke" in refused.text
    assert service.outbox == []


def test_a_solved_check_works_once(service):
    _, pairs = service.form(f"/endre/{ORG}")
    answer = solved(service)
    assert service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 55", altcha=answer)).status_code == 200
    again = service.post(f"/endre/{ORG}", answered(pairs, contact__phone="22 33 44 56", altcha=answer))
    assert again.status_code == 400 and "Robotsjekken stemte ikke" in again.text
    assert len(service.outbox) == 1
