"""A volunteer on a phone: from the association's page on the built site to a confirmed branch,
in Chromium at phone width, without JavaScript needed; every form page passes axe-core, light
and dark, and nothing is fetched from another host."""

from __future__ import annotations

import pytest

from browser import SiteServer, violations
from conftest import mkdocs_build
from form_service import Service, branches, catalogue_repo, changed_lines, free_port, git, link_in, read_mail

ORG = "lindvik-il"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def site_and_service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skjema")
    port = free_port()
    root = catalogue_repo(folder / "katalog", form_service_url=f"http://127.0.0.1:{port}/")
    built = mkdocs_build(root, folder / "site")
    assert built.returncode == 0, built.stderr
    site = SiteServer(folder / "site")
    service = Service(root, port=port)
    yield site, service
    service.stop()
    site.stop()


def outside_requests(page, hosts: set[str]) -> list[str]:
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_a_volunteer_changes_the_entry_from_its_page_on_a_phone(browser, site_and_service):
    site, service = site_and_service
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site.url + f"organisasjoner/{ORG}/")
    page.get_by_role("link", name="Endre oppføringen").click()
    page.wait_for_url(f"{service.url}/endre/{ORG}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.get_by_label("Telefon", exact=False).first.fill("22 33 44 55")
    page.locator(f"[name='volunteering.{_new_task_index(page)}.title']").fill("Kakebaking til basaren")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("h1:has-text('Sjekk e-posten')")
    (mail_path,) = service.outbox
    mail = read_mail(mail_path)
    assert mail["To"].addresses[0].addr_spec == "post@lindvik-il.no"
    page.goto(link_in(mail))
    assert "22 33 44 55" in page.content()
    page.get_by_role("button", name="Bekreft").click()
    page.wait_for_selector("h1:has-text('Takk')")
    (branch,) = branches(service.root)
    assert branch == f"skjema/{ORG}-1"
    added = [line for line in changed_lines(service.root, branch) if line.startswith("+")]
    assert '+  phone: "22 33 44 55"' in added and '+  - title: "Kakebaking til basaren"' in added
    hosts = {"127.0.0.1"}
    assert all(url.split("/")[2].split(":")[0] in hosts for url in requests), requests
    assert "uten robotsjekken" in git(service.root, "log", "-1", "--format=%B", branch)  # no JavaScript
    context.close()


def test_a_new_association_registers_with_the_robot_check_solved_in_the_browser(browser, site_and_service):
    site, service = site_and_service
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site.url + "organisasjoner/")
    page.get_by_role("link", name="Registrer laget ditt").click()
    page.wait_for_url(f"{service.url}/registrer")
    page.locator("[name='name']").fill("Lindvik brettspillklubb")
    page.get_by_label("Idrett").check()
    page.locator("[name='summary']").fill("Vi spiller brettspill hver torsdag.")
    page.locator("[name='contact.email']").fill("post@lindvik-brettspill.no")
    page.wait_for_function("() => document.querySelector('input[name=altcha]')?.value")  # solved
    before = len(service.outbox)
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("h1:has-text('Sjekk e-posten')")
    mail = read_mail(service.outbox[before])
    assert mail["To"].addresses[0].addr_spec == "post@lindvik-brettspill.no"
    page.goto(link_in(mail))
    page.get_by_role("button", name="Bekreft").click()
    page.wait_for_selector("h1:has-text('Takk')")
    branch = next(name for name in branches(service.root) if name.startswith("skjema/lindvik-brettspillklubb"))
    assert "uten robotsjekken" not in git(service.root, "log", "-1", "--format=%B", branch)
    assert all(url.startswith((site.url, service.url)) for url in requests), requests
    context.close()


def _new_task_index(page) -> int:
    names = page.eval_on_selector_all("[name^='volunteering.'][name$='.title']", "els => els.map(e => e.name)")
    return max(int(name.split(".")[1]) for name in names)


FORM_PAGES = {
    "change form": f"/endre/{ORG}",
    "venue form": "/endre-lokale/lindvik-kulturhus",
    "still right": f"/alt-stemmer/{ORG}",
    "register": "/registrer",
    "report": "/meld-fra",
    "front": "/",
    "not found": "/finnes-ikke",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_pages_have_no_axe_violations(browser, site_and_service, scheme):
    _, service = site_and_service
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    found = {}
    for name, path in FORM_PAGES.items():
        page.goto(service.url + path)
        found[name] = violations(page)
    # A form with mistakes shown beside their fields, and the confirmation page.
    page.goto(service.url + f"/endre/{ORG}")
    page.locator("[name='activities.0.schedule.0.start']").fill("18.00")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector(".skjema-oppsummering")
    found["form with mistakes"] = violations(page)
    page.goto(service.url + f"/alt-stemmer/{ORG}")
    page.get_by_role("button", name="Send bekreftelse til laget").click()
    page.wait_for_selector("h1:has-text('Sjekk e-posten')")
    found["check your mail"] = violations(page)
    page.goto(link_in(read_mail(service.outbox[-1])))
    found["confirmation"] = violations(page)
    context.close()
    assert not {name: problems for name, problems in found.items() if problems}
    assert all(url.startswith(service.url) for url in requests), [u for u in requests if not u.startswith(service.url)]
