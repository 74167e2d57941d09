"""A change is confirmed minutes or days after its form was filled in; in between the
coordinator may have merged other changes. The confirmed change carries over only what the
person changed, never undoes the rest, and says so when it no longer fits."""

from __future__ import annotations

import re

from form_service import answered, branches, changed_lines, git, link_in, read_mail

ORG = "lindvik-il"
FILE = f"data/organizations/{ORG}.yaml"


def submit(service, **changes):
    _, pairs = service.form(f"/endre/{ORG}")
    assert service.post(f"/endre/{ORG}", answered(pairs, **changes)).status_code == 200
    return link_in(read_mail(service.outbox[-1]))


def merge(repo, branch):
    git(repo, "merge", "-q", "--ff-only", branch)


def test_a_second_change_confirmed_after_the_first_was_merged_keeps_the_first(service):
    first = submit(service, contact__phone="22 33 44 55")
    second = submit(service, summary="Idrettslaget for hele Lindvik.")
    assert service.confirm(first).status_code == 200
    merge(service.root, f"skjema/{ORG}-1")  # the coordinator merges the first
    assert service.confirm(second).status_code == 200
    lines = changed_lines(service.root, f"skjema/{ORG}-2")
    assert [line.split(":")[0] for line in lines] == ["-summary", '+summary'], lines
    assert '22 33 44 55' in git(service.root, "show", f"skjema/{ORG}-2:{FILE}")


def test_a_change_to_the_same_line_meanwhile_is_a_norwegian_conflict_and_no_branch(service):
    link = submit(service, contact__phone="22 33 44 55")
    path = service.root / FILE
    path.write_text(re.sub(r"(?m)^  phone: .*$", '  phone: "99 88 77 66"', path.read_text(encoding="utf-8")), encoding="utf-8")
    git(service.root, "commit", "-qam", "Koordinatoren retter telefonen")
    answer = service.confirm(link)
    assert answer.status_code == 409 and "Endringen passer ikke lenger" in answer.text
    assert branches(service.root) == []


def test_a_registration_whose_name_was_taken_meanwhile_never_overwrites_the_entry(service):
    links = []
    for address in ("leder@brettspill.no", "angriper@example.com"):
        _, pairs = service.form("/registrer")
        pairs = answered(pairs, name="Lindvik brettspillklubb", summary="Brettspill.", contact__email=address)
        assert service.post("/registrer", pairs + [("categories", "1200")]).status_code == 200
        links.append(link_in(read_mail(service.outbox[-1])))
    assert service.confirm(links[0]).status_code == 200
    merge(service.root, branches(service.root)[0])
    answer = service.confirm(links[1])
    assert answer.status_code == 409 and "samme navn" in answer.text
    assert len(branches(service.root)) == 1


def test_a_broken_file_on_main_gives_a_norwegian_page_and_the_link_works_once_it_is_mended(service):
    link = submit(service, contact__phone="22 33 44 55")
    path = service.root / FILE
    good = path.read_text(encoding="utf-8")
    path.write_text(good + "name: [\n", encoding="utf-8")
    git(service.root, "commit", "-qam", "Ødelagt fil")
    answer = service.confirm(link)
    assert answer.status_code == 503 and "Prøv igjen litt senere" in answer.text
    assert branches(service.root) == [] and service.client.get("/helse").json() == {"status": "ok"}
    path.write_text(good, encoding="utf-8")
    git(service.root, "commit", "-qam", "Rettet")
    assert service.confirm(link).status_code == 200 and branches(service.root) == [f"skjema/{ORG}-1"]


def test_a_removed_item_and_a_mistake_keep_every_item_in_its_place(service):
    _, pairs = service.form(f"/endre/{ORG}")
    wrong = service.post(f"/endre/{ORG}", answered(pairs, **{"activities__0___fjern": "1", "contact__phone": "12"}))
    assert wrong.status_code == 400
    from form_service import form_pairs

    again = form_pairs(wrong.text)
    assert ("activities.0._fjern", "1") in again  # still ticked, still number 0
    fixed = service.post(f"/endre/{ORG}", answered(again, contact__phone="22 33 44 55"))
    assert fixed.status_code == 200, fixed.text
    assert service.confirm(link_in(read_mail(service.outbox[-1]))).status_code == 200
    before = git(service.root, "show", f"main:{FILE}")
    after = git(service.root, "show", f"skjema/{ORG}-1:{FILE}")
    first_id = re.search(r"(?m)^  - id: (\S+)", before).group(1)
    assert f"id: {first_id}" not in after and after.count("- id:") == before.count("- id:") - 1
