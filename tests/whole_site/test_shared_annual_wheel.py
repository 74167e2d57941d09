"""The shared annual wheel (Felles årshjul for alle): an association's date marked
``annual_wheel`` is on the wheel page, in ``arshjul.ics`` and on the front page; a grant deadline
says "Søknadsfrist" once; the wheel prints on A4 without the site's chrome and without a month
cut in two."""

from __future__ import annotations

import re
from datetime import date

import icalendar

from conftest import mkdocs_build, write_site
from htmlscan import Scan

ORGANIZATION = """\
name: Testkorpset
categories: [1200]
contact: {email: post@testkorpset.no}
verified: 2026-09-01
activities:
  - id: konserter
    title: Konserter i hallen
    venue: hallen
    dates:
      - {start: 2026-12-13T17:00, end: 2026-12-13T18:30, annual_wheel: true}
      - {start: 2027-01-17T17:00, end: 2027-01-17T18:30}
      - {start: 2027-02-14T17:00, end: 2027-02-14T18:30, annual_wheel: true, cancelled: true}
  - id: cup
    title: Vintercup
    venue: hallen
    annual_wheel: true
    dates:
      - {date: 2027-03-06, end_date: 2027-03-07}
      - {date: 2027-04-10}
"""

GRANT = """\
name: Frifond organisasjon
provider: Norsk musikkråd
description: Til lokale lag med medlemmer under 26 år.
deadlines: [2027-04-15]
url: https://www.musikk.no/frifond
verified: 2026-10-01
"""

VENUE = """\
name: Hallen
type: sports_hall
address: {street: Hallveien 1, postal_code: "5700", city: Lindvik}
verified: 2026-09-01
"""

WHEEL_PAGE = "# Årshjul\n\n<!-- katalog:arshjul -->\n"
FRONT_PAGE = "# Forside\n\n## I årshjulet\n\n<!-- katalog:arshjul-neste -->\n"
CONFIG_URL = "site_url: https://test.example.org/katalog/\n"


def build_wheel_site(tmp_path):
    root = write_site(tmp_path / "site", {
        "data/organizations/testkorpset.yaml": ORGANIZATION,
        "data/venues/hallen.yaml": VENUE,
        "data/grants/frifond-organisasjon.yaml": GRANT,
        "content/arshjul.md": WHEEL_PAGE,
    })
    (root / "content" / "index.md").write_text(FRONT_PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG_URL + (root / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def test_a_date_marked_for_the_wheel_is_on_the_wheel_page_in_its_feed_and_on_the_front_page(tmp_path):
    site = build_wheel_site(tmp_path)
    wheel = Scan((site / "arshjul" / "index.html").read_text(encoding="utf-8")).text
    wheel = re.sub(r"\s+:", ":", re.sub(r"\s+", " ", wheel))
    assert "13. des. 2026: Arrangement – Konserter i hallen – Testkorpset" in wheel, wheel
    assert "Arrangement – Vintercup – Testkorpset" in wheel  # a whole activity marked
    assert "17. jan." not in wheel  # a date not marked
    assert "14. feb." not in wheel  # marked, but cancelled
    assert "Søknadsfrist – Frifond organisasjon" in wheel

    feed = icalendar.Calendar.from_ical((site / "kalender" / "arshjul.ics").read_bytes())
    events = {(str(e["SUMMARY"]), e.decoded("DTSTART")): e for e in feed.walk("VEVENT")}
    concert = events[("Arrangement: Konserter i hallen – Testkorpset", date(2026, 12, 13))]
    assert concert.decoded("DTEND") == date(2026, 12, 14)
    assert str(concert["URL"]) == "https://test.example.org/katalog/organisasjoner/testkorpset/#aktivitet-konserter"
    cup = events[("Arrangement: Vintercup – Testkorpset", date(2027, 3, 6))]
    assert cup.decoded("DTEND") == date(2027, 3, 8)  # both days
    assert ("Arrangement: Vintercup – Testkorpset", date(2027, 4, 10)) in events
    assert [day for summary, day in events if "Konserter" in summary] == [date(2026, 12, 13)]
    assert ("Søknadsfrist: Frifond organisasjon", date(2027, 4, 15)) in events
    assert len({str(e["UID"]) for e in events.values()}) == len(events)

    front = re.sub(r"\s+:", ":", re.sub(r"\s+", " ", Scan((site / "index.html").read_text(encoding="utf-8")).text))
    assert "13. desember 2026: Konserter i hallen – Testkorpset" in front, front
    assert "Vintercup – Testkorpset" in front


def test_no_soknadsfrist_is_said_twice_anywhere(example_site):
    doubled = re.compile(r"(Søknadsfrist|Application deadline)\W+(Søknadsfrist|Application deadline)", re.IGNORECASE)
    deadlines = 0
    for path in example_site.rglob("*.html"):
        text = Scan(path.read_text(encoding="utf-8")).text
        assert not doubled.search(text), path
    for path in example_site.rglob("*.ics"):
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
            summary = str(event["SUMMARY"])
            assert not doubled.search(summary), (path, summary)
            deadlines += summary.startswith(("Søknadsfrist: ", "Application deadline: "))
    assert deadlines > 5
    wheel = icalendar.Calendar.from_ical((example_site / "kalender" / "arshjul.ics").read_bytes())
    summaries = [str(event["SUMMARY"]) for event in wheel.walk("VEVENT")]
    assert "Søknadsfrist: Kulturmidler til lag og foreninger" in summaries
    assert "Arrangement: Julekonsert i kulturhuset – Lindvik skolekorps" in summaries  # the example's own


def pdf_links(pdf: bytes) -> dict[str, set[int]]:
    """Each link address in a PDF (Chromium writes one link annotation for each link it prints),
    with the pages (by their object number) it is printed on."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}
    links: dict[str, set[int]] = {}
    for number, body in objects.items():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        annotations = re.search(rb"/Annots\s*\[([^\]]*)\]", body)
        for ref in re.findall(rb"(\d+) 0 R", annotations.group(1) if annotations else b""):
            uri = re.search(rb"/URI\s*\(((?:[^()\\]|\\.)*)\)", objects.get(int(ref), b""))
            if uri:
                links.setdefault(uri.group(1).decode("latin-1"), set()).add(number)
    return links


def test_the_wheel_prints_on_a4_without_the_sites_chrome_and_no_month_cut_in_two(browser, served_example):
    page = browser.new_page()
    page.goto(served_example + "veiledning/arshjul/")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    sheets = len(re.findall(rb"/Type\s*/Page\b", pdf))
    links = pdf_links(pdf)
    assert any("tilskudd/#kulturmidler" in uri for uri in links), links  # the wheel's own links
    assert any("#aktivitet-julekonsert" in uri for uri in links), links  # an association's date
    chrome = [
        uri for uri in links
        if uri.startswith(("mailto:", "tel:", "webcal:")) or "uustatus.no" in uri or uri.endswith(".ics")
        or uri in (served_example, served_example + "veiledning/")  # the breadcrumbs
        or uri.endswith(("/en/veiledning/arshjul/", "/en/", "/personvern/", "/sok/", "/kontakt/", "/organisasjoner/"))
    ]
    assert chrome == [], chrome  # no header, tabs, menu, breadcrumbs, calendar links or footer on paper

    page.emulate_media(media="print")
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 less its margins, at 96 dpi
    for chrome_part in ("header.md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", "footer.md-footer", ".katalog-header-search", ".katalog-subscribe", ".md-path"):
        assert page.locator(chrome_part).count() == 0 or not page.locator(chrome_part).first.is_visible(), chrome_part
    months = page.evaluate("""() => [...document.querySelectorAll('.katalog-wheel-month')].map(month => ({
        heading: month.querySelector('h3').textContent,
        avoid: getComputedStyle(month).breakInside,
        height: month.getBoundingClientRect().height,
        links: [...month.querySelectorAll('a')].map(a => a.href),
        colour: getComputedStyle(month.querySelector('li')).color,
    }))""")
    assert len(months) >= 10
    printable_height = (297 - 15 - 18) / 25.4 * 96
    for month in months:
        assert month["avoid"] == "avoid", month
        assert month["height"] < printable_height, month  # fits on one sheet, so it is kept whole
        assert month["colour"] == "rgb(0, 0, 0)", month  # black on white
        together = set.intersection(*(links[uri] for uri in month["links"])) if month["links"] else {0}
        assert together, month  # every entry of the month on the same sheet of the PDF
    assert sheets <= 6
    page.close()
