"""A corpus of hostile names and descriptions, built into a site and opened in Chromium: no script runs anywhere."""

from __future__ import annotations

import json

import pytest

from browser import SiteServer, wait_for_search
from conftest import mkdocs_build, write_site
from htmlscan import Scan

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[lenke](javascript:alert(3))",
    "[lenke](JaVaScRiPt:alert(4))",
    "[lenke](data:text/html,<script>alert(5)</script>)",
    "Avsnitt\n{: onclick=\"alert(6)\" }",
    "<a href=\"#\" onmouseover=\"alert(7)\">hold over</a>",
    "<svg onload=alert(8)>",
    "<iframe src=\"javascript:alert(9)\"></iframe>",
    "<div><b>uavsluttet <script>alert(10)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>",
    "[lenke](&#106;avascript:alert(12))",
    "![bilde](x\" onerror=\"alert(13))",
    "<details open ontoggle=alert(14)>",
    "<a href=\"vbscript:msgbox(15)\">vb</a>",
    "<style>body{display:none}</style><object data=\"javascript:alert(16)\">",
    "<body onload=alert(17)>",
    "<form action=\"javascript:alert(18)\"><button>send</button></form>",
]
NAMES = [
    "Laget \"med\" 'sitater' & <b>fet</b>",
    "</title><script>alert(20)</script>",
    "\"><img src=x onerror=alert(21)>",
    "«Kor» & co <svg/onload=alert(22)>",
]
HARMLESS = "Vi er glade for nye medlemmer."


def organization(name: str, payload: str, number: int) -> str:
    return f"""\
name: {json.dumps(name)}
categories: [1100]
summary: {json.dumps(payload.replace(chr(10), " ")[:190])}
description: {json.dumps(HARMLESS + chr(10) + chr(10) + payload)}
contact: {{email: post@lag{number}.no}}
verified: 2026-09-01
activities:
  - id: kveld
    title: {json.dumps(("Kveld " + name)[:120])}
    description: {json.dumps(payload)}
    venue: huset
    dates: [{{start: 2026-11-24T18:00, end: 2026-11-24T19:00}}]
"""


VENUE = f"""\
name: {json.dumps("Huset <svg onload=alert(30)>")}
type: other
description: {json.dumps(HARMLESS + chr(10) + chr(10) + HOSTILE[1])}
address: {{street: {json.dumps("Vei 1 <script>alert(31)</script>")}, postal_code: "5700", city: Lindvik}}
verified: 2026-09-01
"""

GRANT = f"""\
name: {json.dumps("Tilskudd <script>alert(32)</script>")}
provider: Kommunen
description: {json.dumps(HOSTILE[2])}
deadlines: [2027-03-15]
verified: 2026-10-01
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    files = {"data/venues/huset.yaml": VENUE, "data/grants/tilskudd.yaml": GRANT}
    for number, payload in enumerate(HOSTILE):
        files[f"data/organizations/lag-{number}.yaml"] = organization(NAMES[number % len(NAMES)] + f" {number}", payload, number)
    write_site(root, files)
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


def test_corpus_is_large_enough():
    assert len(HOSTILE) + len(NAMES) >= 15


def test_no_script_runs_on_any_page(browser, hostile_site):
    server = SiteServer(hostile_site)
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None)
    pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html"))
    try:
        for url in pages:
            page.goto(server.url + ("" if url == "." else url + "/"))
            page.wait_for_load_state("networkidle")
            for link in [a for a in page.query_selector_all("article a") if a.is_visible()][:20]:
                link.hover()  # links inside a closed <details> are hovered after it opens, below
            for summary in page.query_selector_all("details"):
                summary.evaluate("element => element.open = !element.open")
                for link in summary.query_selector_all("a"):
                    if link.is_visible():
                        link.hover()
        for query in ("Laget", "alert", "script"):
            page.goto(server.url + "sok/?q=" + query)
            wait_for_search(page, results=False)
        assert dialogs == []
        assert len(pages) > 20
    finally:
        page.close()
        server.stop()


def test_harmless_text_stays_readable(hostile_site):
    for number in range(len(HOSTILE)):
        text = Scan((hostile_site / f"organisasjoner/lag-{number}/index.html").read_text(encoding="utf-8")).text
        assert HARMLESS in text
        assert NAMES[number % len(NAMES)] in text


def test_theme_works_under_its_content_security_policy(browser, served_example):
    """The policy blocks injected scripts, and must not block the theme's own."""
    page = browser.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    for url in ("", "organisasjoner/lindvik-il/", "aktiviteter/", "organisasjoner/?kategori=1200"):
        page.goto(served_example + url)
        page.wait_for_load_state("networkidle")
    page.goto(served_example + "sok/?q=korps")
    wait_for_search(page)
    page.close()
    assert blocked == []


def test_every_page_carries_the_policy_first_in_head(example_site):
    for path in example_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = html[html.index("<head>"): html.index("</head>")]
        assert head.lstrip("<head>").lstrip().startswith('<meta http-equiv="Content-Security-Policy"'), path
        policy = head.split('content="', 1)[1].split('"', 1)[0]
        scripts = policy.split("script-src", 1)[1].split(";", 1)[0]
        assert scripts.split()[0] in ("'self'", "'none'") and "'unsafe-inline'" not in scripts, path  # 'none': the embeds
        assert "object-src 'none'" in policy
    header = (example_site / "content-security-policy.txt").read_text(encoding="utf-8")
    assert header.startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")


def test_a_script_in_the_content_is_never_allowed_even_on_pages_marked_for_search():
    """Only the theme's own inline scripts get a hash; the search marker on the content must not change that."""
    import base64
    import hashlib

    from frivilligkatalogen.build.content_policy import add_policy
    from frivilligkatalogen.build.search_index import mark_for_search

    def token(body):
        return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"

    page = (
        "<html><head></head><body><script>theme()</script>"
        '<article class="md-content__inner md-typeset"><h1>Lag</h1><script>alert(1)</script></article></body></html>'
    )
    marked = mark_for_search(page, "organisasjoner/lag/")
    assert "data-pagefind-body" in marked
    _, hashes = add_policy(marked)
    assert token("theme()") in hashes
    assert token("alert(1)") not in hashes
