"""The catalogue in the municipality's own language: a nynorsk catalogue built from nynorsk data
speaks nynorsk everywhere (pages, feeds, embeds, RSS, open data, issue forms, the ``katalog``
command, the form service and its mail); the English edition's interface is English; the links
between the editions resolve."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser import SiteServer, violations, wait_for_search
from conftest import REPO, katalog, mkdocs_build
from form_service import Service, answered, git, link_in, read_mail
from frivilligkatalogen.base.i18n import strings
from htmlscan import Scan

NYNORSK_DATA = REPO / "tests" / "fixtures" / "nynorsk" / "data"
SITE_URL = "https://lindvik-kommune.github.io/frivilligkatalogen/"

BOKMAL_ONLY = [
    "ikke", "hva", "hvem", "hvor", "hvordan", "hvis", "noen", "kommende", "tirsdag", "tirsdager",
    "lørdag", "lørdager", "søndag", "søndager", "mandag", "jeg", "bare", "hver", "hvert", "være",
    "fra", "uke", "uker", "ukentlig", "dere", "deres", "foreninger", "forening", "aktiviteter",
    "tilskudd", "mye", "ble", "siden", "hjem", "kun", "velg", "lokaler", "gang",
]
"""Words that are bokmål and never nynorsk (there: ikkje, kva, kven, kvar, korleis, viss, nokon,
komande, tysdag, laurdag, sundag, måndag, eg, berre, kvar, vere, frå, veke, … gong)."""
BOKMAL_WORD = re.compile(r"(?<![\w/.#-])(" + "|".join(BOKMAL_ONLY) + r")(?![\w/.-])", re.IGNORECASE)
"""A bokmål-only word standing alone: not part of an address, a file name or an anchor (the
addresses keep their bokmål slugs, ``/organisasjoner/``, in every language)."""
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content", "value", "label")


def bokmal_in(text: str) -> list[str]:
    return sorted({match.group(0) for match in BOKMAL_WORD.finditer(text)})


def page_words(html: str) -> str:
    """What a person reads or hears of a page: its text, title and the text in attributes."""
    scan = Scan(html)
    spoken = [value for _, attrs in scan.tags for name, value in attrs.items() if name in TEXT_ATTRIBUTES and value]
    return " ".join([scan.title, scan.text, *spoken, *scan.data_blocks])


def nynorsk_catalogue(folder: Path) -> Path:
    """A nynorsk municipality's catalogue: the example's nynorsk configuration as its
    ``mkdocs.yml`` (inheriting the example's, kept as ``mkdocs.nb.yml``), its nynorsk pages
    and nynorsk data, in a git repository of its own."""
    folder.mkdir(parents=True)
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copytree(REPO / "content-nn", folder / "content-nn")
    shutil.copytree(REPO / "overrides", folder / "overrides")
    shutil.copytree(NYNORSK_DATA, folder / "data")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.nb.yml")
    config = (REPO / "mkdocs.nn.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("INHERIT: mkdocs.yml", "INHERIT: mkdocs.nb.yml"), encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=Koordinator", "-c", "user.email=k@lindvik.kommune.no", "commit", "-qm", "Katalogen")
    return folder


@pytest.fixture(scope="session")
def nynorsk_root(tmp_path_factory) -> Path:
    return nynorsk_catalogue(tmp_path_factory.mktemp("nynorsk") / "katalog")


@pytest.fixture(scope="session")
def nynorsk_site(nynorsk_root, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nynorsk-site")
    result = mkdocs_build(nynorsk_root, out)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def site_files(site: Path):
    """Every file the build generated that a person or a program reads, Pagefind's own index and
    the theme's scripts and styles aside."""
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(("pagefind/", "assets/javascripts/", "assets/stylesheets/")):
            if path.suffix in (".html", ".ics", ".xml", ".json", ".csv", ".txt", ".js", ".yaml"):
                yield path


# Nynorsk ------------------------------------------------------------------------------------


def test_no_generated_page_feed_embed_or_open_data_file_has_a_bokmal_word(nynorsk_site):
    found = {}
    checked = 0
    for path in site_files(nynorsk_site):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            text = page_words(text)
        elif path.suffix == ".csv":
            text = text.partition("\n")[2]  # the column names are the contract's, in every language
        if words := bokmal_in(text):
            found[path.relative_to(nynorsk_site).as_posix()] = words
        checked += 1
    assert checked > 40
    assert not found, found


def test_weekdays_and_schedules_read_in_nynorsk(nynorsk_site):
    association = page_words((nynorsk_site / "organisasjoner" / "lindvik-songlag" / "index.html").read_text(encoding="utf-8"))
    assert "Tysdagar og torsdagar 19:00–21:00" in association, association
    walks = page_words((nynorsk_site / "organisasjoner" / "lindvik-turlag" / "index.html").read_text(encoding="utf-8"))
    assert "Annankvar laurdag 11:00–14:00" in walks and "Siste sundag i månaden" in walks, walks
    calendar = page_words((nynorsk_site / "aktiviteter" / "index.html").read_text(encoding="utf-8"))
    for weekday in ("Tysdag", "Laurdag", "Sundag"):
        assert re.search(rf"\b{weekday} \d+\. \w+", calendar), weekday
    assert '<html lang="nn"' in (nynorsk_site / "index.html").read_text(encoding="utf-8")


def test_the_nynorsk_feeds_and_rss_describe_things_in_nynorsk(nynorsk_site):
    feed = (nynorsk_site / "kalender" / "organisasjoner" / "lindvik-turlag.ics").read_text(encoding="utf-8")
    unfolded = feed.replace("\r\n ", "")
    assert "Aktivitetane til Lindvik turlag\\, frå Frivilligkatalogen." in unfolded
    assert "Annankvar laurdag 11:00–14:00" in unfolded
    channels = [text for path in nynorsk_site.rglob("*.xml") if "<rss" in (text := path.read_text(encoding="utf-8"))]
    assert len(channels) == 3 and all("<language>nn</language>" in text for text in channels)
    assert "<title>Ny i katalogen: Lindvik turlag</title>" in " ".join(channels)


def test_the_issue_forms_are_written_in_nynorsk(nynorsk_root):
    result = katalog("forms", "--root", str(nynorsk_root))
    assert result.returncode == 0, result.stderr
    forms = sorted((nynorsk_root / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert len(forms) >= 3
    found = {path.name: bokmal_in(path.read_text(encoding="utf-8")) for path in forms}
    assert not any(found.values()), found
    assert "name: Meld frå om feil" in (nynorsk_root / ".github" / "ISSUE_TEMPLATE" / "meld-fra.yml").read_text(encoding="utf-8")


def test_the_katalog_command_speaks_nynorsk_in_its_help_and_its_messages(nynorsk_root, tmp_path):
    broken = tmp_path / "katalog"
    shutil.copytree(nynorsk_root, broken, ignore=shutil.ignore_patterns(".git"))
    songlag = broken / "data" / "organizations" / "lindvik-songlag.yaml"
    songlag.write_text(
        songlag.read_text(encoding="utf-8").replace("verified: 2025-06-01", "verified: 2025-13-01\nfarge: blå"),
        encoding="utf-8",
    )
    check = katalog("check", str(broken))
    assert check.returncode == 1
    assert "lindvik-songlag.yaml" in check.stdout + check.stderr
    outputs = {
        "check": check.stdout + check.stderr,
        "help": katalog("--help", cwd=broken).stdout,
        "check --help": katalog("check", str(broken), "--help").stdout,
        "stale": katalog("stale", str(nynorsk_root)).stdout,
        "wrong command": katalog("sjekk", cwd=broken).stderr,
        "good check": katalog("check", str(nynorsk_root)).stdout,
    }
    assert "kommandoar" in outputs["help"]
    assert "Ingen feil" in outputs["good check"] and "organisasjonar" in outputs["good check"]
    assert "Lindvik songlag" in outputs["stale"]
    found = {name: bokmal_in(text) for name, text in outputs.items()}
    assert not any(found.values()), (found, outputs)


def test_the_form_service_and_its_mail_speak_nynorsk(nynorsk_root, tmp_path):
    root = tmp_path / "katalog"
    shutil.copytree(nynorsk_root, root)
    service = Service(root)
    try:
        pages = {path: service.client.get(path) for path in ("/", "/endre/lindvik-turlag", "/endre-lokale/lindvik-skule", "/registrer", "/meld-fra", "/alt-stemmer/lindvik-turlag", "/endre/finst-ikkje")}
        assert [answer.status_code for answer in pages.values()] == [200] * 6 + [404]
        texts = {path: page_words(answer.text) for path, answer in pages.items()}
        assert all('lang="nn"' in answer.text for answer in pages.values())
        _, pairs = service.form("/registrer")
        refused = service.post("/registrer", answered(pairs, name="Lindvik bridgeklubb", contact__email="ikkje-ei-adresse"))
        assert refused.status_code == 400
        texts["refused"] = page_words(refused.text)
        _, pairs = service.form("/endre/lindvik-turlag")
        sent = service.post("/endre/lindvik-turlag", answered(pairs, contact__phone="22 33 44 55"))
        assert sent.status_code == 200
        texts["sent"] = page_words(sent.text)
        [mail] = service.outbox
        message = read_mail(mail)
        texts["mail"] = f"{message['Subject']} {message.get_content()}"
        path = link_in(message).removeprefix(service.url)
        texts["confirm"] = page_words(service.client.get(path).text)
        confirmed = service.confirm(link_in(message))
        assert confirmed.status_code == 200
        texts["confirmed"] = page_words(confirmed.text)
    finally:
        service.stop()
    found = {name: bokmal_in(text) for name, text in texts.items()}
    assert not any(found.values()), found


def test_search_finds_an_association_by_an_inflected_nynorsk_word(browser, nynorsk_site):
    """The description says «kveldsturar»; a resident searches «kveldsturane»."""
    server = SiteServer(nynorsk_site, prefix="/frivilligkatalogen/")
    page = browser.new_page()
    try:
        page.goto(server.url + "sok/?q=" + quote("kveldsturane"))
        wait_for_search(page)
        titles = page.locator("#katalog-sok-treff h2 a").all_inner_texts()
        assert "Lindvik trekkspelklubb" in titles, titles
        # A later part of a nynorsk compound: «klubb» in «trekkspelklubb» and «sjakklubb».
        page.goto(server.url + "sok/?q=klubb")
        wait_for_search(page)
        titles = page.locator("#katalog-sok-treff h2 a").all_inner_texts()
        assert {"Lindvik trekkspelklubb", "Nordbygda sjakklubb"} <= set(titles), titles
        assert "treff for «klubb»" in page.locator("#katalog-sok-status").inner_text()
    finally:
        page.close()
        server.stop()


NYNORSK_PAGES = ["", "organisasjoner/", "bli-frivillig/", "lokaler/", "organisasjoner/lindvik-songlag/", "lokaler/lindvik-skule/", "aktiviteter/", "kalender/", "tilskudd/", "veiledning/arshjul/", "kontakt/", "om-katalogen/", "finst-ikkje/", "sok/?q=trekkspel"]
ENGLISH_PAGES = ["en/", "en/organisasjoner/", "en/bli-frivillig/", "en/lokaler/", "en/organisasjoner/lindvik-skolekorps/", "en/lokaler/lindvik-kulturhus/", "en/kategorier/1200/", "en/aktiviteter/", "en/kalender/", "en/tilskudd/", "en/om-katalogen/", "en/kontakt/", "en/personvern/", "en/sok/?q=korps"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_in_nynorsk_and_english(browser, nynorsk_site, served_example, scheme):
    server = SiteServer(nynorsk_site, prefix="/frivilligkatalogen/")
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    found = {}
    try:
        for url in [server.url + path for path in NYNORSK_PAGES] + [served_example + path for path in ENGLISH_PAGES]:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            if "/sok/" in url:
                try:
                    wait_for_search(page)
                except PlaywrightTimeout:
                    pytest.fail(f"{url}: the search showed no result: {page.locator('main').inner_text()[:300]}")
            if problems := violations(page):
                found[url] = problems
    finally:
        context.close()
        server.stop()
    assert not found, found


# English ------------------------------------------------------------------------------------


def norwegian_interface_words() -> set[str]:
    """The bokmål interface strings that English says otherwise, as whole phrases (the example
    data's own text, which stays Norwegian in the English edition, left out, and the strings
    only the command line, the form service and the issue forms use)."""
    data_text = " ".join(path.read_text(encoding="utf-8") for path in (REPO / "data").rglob("*.yaml"))
    english = strings("en")
    phrases = set()
    for key, value in strings("nb").items():
        values = value if isinstance(value, list) else [value]
        others = english[key] if isinstance(english[key], list) else [english[key]]
        for text, other in zip(values, others, strict=True):
            if key == "language_name":
                continue  # each language is named in itself on the link to its edition
            if "{" in text or text == other or len(text) < 5 or key.startswith(("contract.", "service.", "cli.", "registers.", "forms.", "settings.")):
                continue
            if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", data_text):
                continue
            phrases.add(text)
    return phrases


def test_the_english_edition_speaks_english(example_site):
    phrases = norwegian_interface_words()
    assert len(phrases) > 150
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)")
    found = {}
    pages = sorted((example_site / "en").rglob("*.html"))
    assert len(pages) > 60
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert '<html lang="en"' in html, path
        if hits := sorted(set(pattern.findall(page_words(html)))):
            found[path.relative_to(example_site).as_posix()] = hits
    assert not found, found
    calendar = page_words((example_site / "en" / "aktiviteter" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", calendar), calendar[:500]
    front = page_words((example_site / "en" / "index.html").read_text(encoding="utf-8"))
    for words in ("Accessibility statement", "Privacy", "Search", "Associations", "Norsk (bokmål)"):
        assert words in front, words


# Between the editions -----------------------------------------------------------------------


def local_file(site: Path, address: str) -> Path | None:
    """The built file an address of the published site points to (None: another site)."""
    if not address.startswith(SITE_URL):
        return None
    path = site / urlsplit(address).path.removeprefix(urlsplit(SITE_URL).path)
    return path / "index.html" if address.endswith("/") or path.is_dir() else path


def test_every_page_links_the_same_page_in_the_other_edition_and_the_link_resolves(example_site):
    links = 0
    for path in example_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<header" not in html:
            continue  # embeds have no site chrome
        page = path.relative_to(example_site).as_posix()
        editions = [attrs for tag, attrs in Scan(html).tags if tag == "a" and "katalog-edition" in (attrs.get("class") or "")]
        assert len(editions) == 1, page
        other = "nb" if page.startswith("en/") else "en"
        assert editions[0]["hreflang"] == other, page
        address = urljoin(SITE_URL + page, editions[0]["href"])
        target = local_file(example_site, address)
        assert target is not None and target.is_file(), (page, editions[0]["href"])
        assert f'<html lang="{other}"' in target.read_text(encoding="utf-8"), (page, address)
        if page.endswith("index.html") and (example_site / other.replace("nb", "") / page.removeprefix("en/")).is_file():
            assert target.relative_to(example_site).as_posix().removeprefix("en/") == page.removeprefix("en/"), page
        links += 1
    assert links > 100


def test_the_sitemaps_hreflang_alternates_resolve(example_site):
    alternates = 0
    for sitemap in (example_site / "sitemap.xml", example_site / "en" / "sitemap.xml"):
        text = sitemap.read_text(encoding="utf-8")
        for language, address in re.findall(r'<xhtml:link rel="alternate" hreflang="([a-z]+)" href="([^"]+)"', text):
            target = local_file(example_site, address)
            assert target is not None and target.is_file(), address
            assert f'<html lang="{language}"' in target.read_text(encoding="utf-8"), address
            alternates += 1
    assert alternates > 100


def test_the_page_for_a_missing_address_speaks_the_site_language(example_site, nynorsk_site):
    for language, page in (("nb", example_site / "404.html"), ("en", example_site / "en" / "404.html"), ("nn", nynorsk_site / "404.html")):
        html = page.read_text(encoding="utf-8")
        assert f"<h1>{strings(language)['not_found.title']}</h1>" in html, language
        assert "Not found" not in html.replace("Page not found", ""), language
