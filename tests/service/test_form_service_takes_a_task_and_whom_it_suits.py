"""An association adds a volunteering task through the form service and says whom it suits; the
confirmed branch holds the task with ``suited_for``, and the catalogue accepts it."""

from __future__ import annotations

from form_service import answered, branches, changed_lines, check_branch, link_in, new_item_index, read_mail

ORG = "lindvik-il"


def test_a_new_task_for_young_people_and_seniors_reaches_the_branch(service, tmp_path):
    html, pairs = service.form(f"/endre/{ORG}")
    task = new_item_index(pairs, "volunteering")
    assert f'name="volunteering.{task}.suited_for" value="seniors"' in html and "seniorer (60+)" in html
    answers = answered(pairs, **{f"volunteering__{task}__title": "Kiosk på kampdager"})
    answers += [(f"volunteering.{task}.suited_for", "youth"), (f"volunteering.{task}.suited_for", "seniors")]
    assert service.post(f"/endre/{ORG}", answers).status_code == 200
    assert service.confirm(link_in(read_mail(service.outbox[-1]))).status_code == 200
    (branch,) = branches(service.root)
    added = [line for line in changed_lines(service.root, branch) if line.startswith("+")]
    assert '+  - title: "Kiosk på kampdager"' in added
    assert any("suited_for" in line and "youth" in line and "seniors" in line for line in added), added
    checked = check_branch(service.root, branch, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
